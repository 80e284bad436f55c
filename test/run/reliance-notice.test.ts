// Which claims a page names as needing the local runner when the runtime's Node lacks a feature.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relianceNotice, reliancesOnPage } from '../../src/run/reliance-notice.ts';
import { lessonsOnDisk } from '../helpers/lessons.ts';

const findingLeaks = () => {
  const found = lessonsOnDisk().find((lesson) => lesson.id.endsWith('finding-leaks'));
  assert.ok(found);
  return reliancesOnPage(found.frontmatter);
};

test('no notice when nothing the lesson relies on is missing', () => {
  assert.equal(relianceNotice([], findingLeaks()), undefined);
  const oneConnection = lessonsOnDisk().find((lesson) => lesson.id.startsWith('01-'));
  assert.ok(oneConnection);
  assert.equal(relianceNotice(['net.client.socket', 'TCPSocketWrap'], reliancesOnPage(oneConnection.frontmatter)), undefined);
});

test('a missing feature names the claims and challenges that depend on it, and why', () => {
  const notice = relianceNotice(['net.client.socket'], findingLeaks()) ?? '';
  assert.match(notice, /^net\.client\.socket is missing here \(in Node, node:diagnostics_channel publishes net\.client\.socket/);
  assert.match(notice, /count new connections/);
  assert.match(notice, /need the local runner \(`npm start`\): “Against the leaking code.*“With every body drained.*the challenge “The leak the tests missed”\.$/);
  assert.doesNotMatch(notice, /TCPSocketWrap count fails/, 'a claim that does not rely on it is not named');
});

test('the schema refuses a reliance on a run that no claim or challenge has, naming it', async () => {
  const { lessonSchema } = await import('../../src/schemas/lesson.ts');
  const lesson = lessonsOnDisk().find((candidate) => candidate.id.endsWith('finding-leaks'));
  assert.ok(lesson);
  const broken = { ...lesson.frontmatter, relies: [{ feature: 'TCPSocketWrap', runs: ['no-such-run'], why: 'A reason long enough to pass.' }] };
  const result = lessonSchema.safeParse(broken);
  assert.equal(result.success, false);
  assert.match(JSON.stringify(result.error?.issues), /"no-such-run\\" is neither a claim's run nor a challenge's id/);
  assert.equal(lessonSchema.safeParse({ ...broken, relies: [{ ...broken.relies[0], feature: 'no-such-feature' }] }).success, false);
});
