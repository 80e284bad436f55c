// A page's report of a passed Check names the lesson by its id, the folder name the room board
// counts by (02-the-leak), and a refusal says so in those words.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { pageMessage } from '../../src/schemas/runner-protocol.ts';

const passed = (lesson: string) => pageMessage.safeParse({ type: 'passed', learner: 'learner-0001', lesson });

it('takes a lesson id and refuses a URL slug, saying what a lesson id is', () => {
  assert.equal(passed('02-the-leak').success, true);
  const slug = passed('the-leak');
  assert.equal(slug.success, false);
  assert.match(slug.error?.issues[0]?.message ?? '', /lesson must be a lesson id: the lesson’s folder name, such as 02-the-leak/);
});
