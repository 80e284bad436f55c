// The lesson controller's verdicts, driven as a page drives it with the FakeRuntime: Check, a Run
// that meets the claims counting as one, a pass with the solution applied, and a challenge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Challenge } from '../../../src/schemas/lesson.ts';
import { FakeRuntime } from '../../fakes/fake-runtime.ts';
import { ONE_CONNECTION, LEAKING, COMPLETED, CHECKS, controllerWith, settle } from './controller-fixtures.ts';

describe('WorkspaceController verdicts', () => {
  it('Check passes a run that meets the claims: progress kept, the room board told, the next lesson offered', async () => {
    const runtime = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    const reported: unknown[] = [];
    runtime.reportPassed = (passed) => reported.push(passed);
    const { controller, page, passed } = controllerWith(runtime);
    await controller.run({ check: true });
    await settle();
    assert.equal(page.checks.at(-1)?.outcome, 'pass');
    assert.deepEqual(passed, ['02-the-leak']);
    assert.deepEqual(reported, [{ learner: 'learner-1', lesson: '02-the-leak' }]);
    assert.ok(page.log.includes('next link'));
  });

  it('a Run that meets the claims counts as a passed Check, and says so: progress kept, the board told, the next lesson offered', async () => {
    const runtime = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    const reported: unknown[] = [];
    runtime.reportPassed = (passed) => reported.push(passed);
    const { controller, page, passed } = controllerWith(runtime);
    await controller.run();
    await settle();
    const verdict = page.checks.at(-1);
    assert.equal(verdict?.outcome, 'pass');
    assert.match(verdict?.text ?? '', /^Check passed: this run meets every claim .* This lesson is marked complete\.$/);
    assert.deepEqual(passed, ['02-the-leak']);
    assert.deepEqual(reported, [{ learner: 'learner-1', lesson: '02-the-leak' }]);
    assert.ok(page.log.includes('next link'));
  });

  it('a Run that does not meet the claims stays a Run: no verdict, nothing marked', async () => {
    const { controller, page, passed } = controllerWith(new FakeRuntime({ events: LEAKING, end: COMPLETED }));
    await controller.run();
    await settle();
    assert.deepEqual(page.checks, [undefined]);
    assert.deepEqual(passed, []);
    assert.ok(!page.log.includes('next link'));
  });

  it('with the solution applied, a pass is marked and reported as "solution applied", not as the learner’s own', async () => {
    const runtime = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    const reported: unknown[] = [];
    runtime.reportPassed = (passed) => reported.push(passed);
    const { controller, page, passed } = controllerWith(runtime, CHECKS, { solutionApplied: true });
    await controller.run({ check: true });
    await controller.run();
    await settle();
    assert.match(page.checks.at(-1)?.text ?? '', /marked “solution applied”, not done: Reset the code and write the fix yourself/);
    assert.deepEqual(passed, ['02-the-leak (solution applied)', '02-the-leak (solution applied)']);
    assert.deepEqual(reported, [
      { learner: 'learner-1', lesson: '02-the-leak', solutionApplied: true },
      { learner: 'learner-1', lesson: '02-the-leak', solutionApplied: true },
    ]);
  });

  it('Check fails a leaking run and says which claim did not hold; nothing is marked passed', async () => {
    const runtime = new FakeRuntime({ events: LEAKING, end: COMPLETED });
    const { controller, page, passed } = controllerWith(runtime);
    await controller.run({ check: true });
    const verdict = page.checks.at(-1);
    assert.equal(verdict?.outcome, 'fail');
    assert.ok(verdict?.items.some((item) => item.includes('200')), JSON.stringify(verdict));
    assert.deepEqual(passed, []);
    assert.ok(!page.log.includes('next link'));
  });

  it('Check without the lesson’s claims fails with what to do', async () => {
    const { controller, page } = controllerWith(new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED }), null);
    await controller.run({ check: true });
    assert.equal(page.checks.at(-1)?.outcome, 'fail');
    assert.match(page.checks.at(-1)?.text ?? '', /Reload the page/);
  });

  it('a challenge is judged by its own numbers, and a pass is counted once, under the challenge', async () => {
    const challenge = { id: 'ten-in-flight', title: 'Ten in flight', task: 'Use at most 20 connections.', expect: { accepted: { atMost: 20 }, requests: { equals: 200 } } } as Challenge;
    const leaking = new FakeRuntime({ events: LEAKING, end: COMPLETED });
    const first = controllerWith(leaking);
    assert.equal((await first.controller.checkChallenge(challenge)).outcome, 'fail');
    assert.deepEqual(first.passed, []);

    const fixed = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    const reported: unknown[] = [];
    fixed.reportPassed = (passed) => reported.push(passed);
    const second = controllerWith(fixed);
    assert.equal((await second.controller.checkChallenge(challenge)).outcome, 'pass');
    await settle();
    assert.deepEqual(second.passed, ['02-the-leak/ten-in-flight']);
    assert.deepEqual(reported, [{ learner: 'learner-1', lesson: '02-the-leak', challenge: 'ten-in-flight' }]);
  });
});
