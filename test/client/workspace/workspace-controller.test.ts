// The lesson controller driven as a page drives it, with the FakeRuntime in place of a real one
// and a view that records what the page would show: Run, Stop, Check, a challenge, a runtime
// that cannot run, and the status line's one rule (a run's news is not covered by "Ready").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusLine, type Tone } from '../../../src/client/workspace/status-line.ts';
import type { Verdict } from '../../../src/client/workspace/verdict-view.ts';
import { WorkspaceController, type ResolvedRuntime, type WorkspaceView } from '../../../src/client/workspace/workspace-controller.ts';
import type { Runtime, RunRequest } from '../../../src/runtime/runtime.ts';
import type { Challenge, Claim } from '../../../src/schemas/lesson.ts';
import type { RunEnd, RunEvent } from '../../../src/schemas/run-events.ts';
import { FakeRuntime } from '../../fakes/fake-runtime.ts';

const FILES = [
  { name: 'server.js', content: 'server' },
  { name: 'client.js', content: 'client' },
];

/** A meter sample of the server's counts, as the runtime reports them. */
function sample(open: number, accepted: number, requests: number, at = 100): RunEvent {
  return {
    type: 'meter',
    process: 'server',
    at,
    counts: { server: { open, accepted, requests, peak: open } },
  } as unknown as RunEvent;
}

const ONE_CONNECTION = [
  { type: 'phase', phase: 'starting-client', port: 4000 } as RunEvent,
  sample(1, 1, 100),
  sample(1, 1, 200, 200),
];
const LEAKING = [{ type: 'phase', phase: 'starting-client', port: 4000 } as RunEvent, sample(200, 200, 200)];
const COMPLETED: RunEnd = { reason: 'completed', durationMs: 1200 };

const CHECKS: Claim[] = [{ run: 'solution', says: 'One connection carries every request.', expect: { accepted: { equals: 1 }, requests: { equals: 200 } } } as Claim];

function recordingView() {
  const said: { text: string; tone: Tone }[] = [];
  const log: string[] = [];
  const checks: (Verdict | undefined)[] = [];
  const view: WorkspaceView = {
    files: () => FILES,
    meter: { reset: () => log.push('meter reset'), add: (event) => log.push(`meter ${event.type}`), describe: () => log.push('meter describe') },
    output: { clear: () => log.push('output clear'), add: (event) => log.push(`output ${event.type}`), note: (text, level) => log.push(`note ${level}: ${text}`),
      markError: (error) => log.push(`mark ${error.process}: ${error.where ?? ''} ${error.text}`),
    },
    status: new StatusLine((text, tone) => said.push({ text, tone })),
    enableRun: (enabled) => log.push(`run ${enabled ? 'enabled' : 'disabled'}`),
    setRunning: (running) => log.push(running ? 'running' : 'not running'),
    showCheck: (verdict) => checks.push(verdict),
    showClock: (text) => log.push(`clock: ${text}`),
    showRuntimeNote: (text) => log.push(`runtime note: ${text}`),
    showBetaNotice: (text) => text && log.push(`beta: ${text}`),
    showNextLink: () => log.push('next link'),
  };
  return { view, said, log, checks, lastSaid: () => said.at(-1)?.text ?? '' };
}

/** `applied`: the learner applied the lesson's solution (Solve, Apply) and has not reset since. */
function recordingProgress(applied = false) {
  const passed: string[] = [];
  return {
    passed,
    progress: {
      learnerId: () => 'learner-1',
      lessonPassed: (lesson: string, how: { solutionApplied: boolean }) => passed.push(how.solutionApplied ? `${lesson} (solution applied)` : lesson),
      challengePassed: (lesson: string, id: string) => passed.push(`${lesson}/${id}`),
      solutionApplied: () => applied,
    },
  };
}

/** `checks`: null for a page that could not give the lesson's claims. */
function controllerWith(runtime: Runtime, checks: Claim[] | null = CHECKS, { solutionApplied = false } = {}) {
  const page = recordingView();
  const { passed, progress } = recordingProgress(solutionApplied);
  const controller = new WorkspaceController(page.view, { lesson: '02-the-leak', checkClaims: checks ?? undefined, relies: [] }, progress);
  controller.useRuntime(Promise.resolve<ResolvedRuntime>({ runtime }));
  return { controller, page, passed };
}

/** Lets the promises the controller started settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkspaceController', () => {
  it('Run sends the learner’s files to the runtime and shows every event on the meter and the output, then the result', async () => {
    const runtime = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    const { controller, page } = controllerWith(runtime);
    const result = await controller.run();
    assert.equal(runtime.runs.length, 1);
    assert.deepEqual(runtime.runs[0]?.files, FILES);
    assert.equal(result?.events.length, 3);
    assert.deepEqual(
      page.log.filter((line) => /^(meter|output|running|not running)/.test(line)),
      ['meter reset', 'output clear', 'running', 'meter phase', 'output phase', 'meter meter', 'output meter', 'meter meter', 'output meter', 'not running', 'meter describe'],
    );
    assert.equal(page.lastSaid(), 'Finished in 1.2 s: 200 requests over 1 connection.');
    assert.equal(controller.running, false);
  });

  it('a runtime that becomes ready after a run ends does not cover the run’s result with "Ready"', async () => {
    const runtime = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    const { controller, page } = controllerWith(runtime);
    await settle();
    assert.match(page.lastSaid(), /^Ready: code runs with the fake runtime/);
    await controller.run();
    runtime.setStatus({ state: 'running' });
    runtime.setStatus({ state: 'ready' });
    assert.equal(page.lastSaid(), 'Finished in 1.2 s: 200 requests over 1 connection.');
    // A failure is news too, and does show.
    runtime.setStatus({ state: 'failed', message: 'The runner stopped. Start it again with npm start.' });
    assert.deepEqual(page.said.at(-1), { text: 'The runner stopped. Start it again with npm start.', tone: 'error' });
  });

  it('a runtime ready at last after failing says so, even after a Run that failed on it', async () => {
    const timedOut = 'Node did not start within 30 s. The lab keeps waiting, and says Ready if it starts.';
    const runtime = new FakeRuntime({ kind: 'webcontainer', status: { state: 'booting', detail: 'Booting Node…' }, end: { reason: 'failed', durationMs: 0, message: timedOut } });
    const { controller, page } = controllerWith(runtime);
    await settle();
    runtime.setStatus({ state: 'failed', message: timedOut });
    await controller.run();
    assert.deepEqual(page.said.at(-1), { text: timedOut, tone: 'error' });
    runtime.setStatus({ state: 'ready', note: 'Node started after all, after 41 s.' });
    assert.match(page.lastSaid(), /^Ready: code runs with the fake runtime/);
  });

  it('switching runtime mid-run ends on the new runtime’s Ready, not on the old run’s stop', async () => {
    const old = new FakeRuntime();
    old.run = (given) => new Promise<RunEnd>((resolve) => given.signal.addEventListener('abort', () => resolve({ reason: 'stopped', durationMs: 1 })));
    const { controller, page } = controllerWith(old);
    const going = controller.run();
    await settle();
    controller.useRuntime(Promise.resolve({ runtime: new FakeRuntime({ label: 'new runtime' }) }));
    assert.equal(await going, undefined, 'the stopped run is dropped, as a superseded one');
    await settle();
    assert.equal(page.lastSaid(), 'Ready: code runs with the new runtime. Press Run.');
    assert.ok(!page.said.some((line) => line.text.startsWith('Stopped')));
    assert.equal(controller.running, false);
  });

  it('Stop aborts the run going on, and the status says it stopped', async () => {
    let request: RunRequest | undefined;
    const runtime = new FakeRuntime();
    runtime.run = (given) => {
      request = given;
      return new Promise<RunEnd>((resolve) => given.signal.addEventListener('abort', () => resolve({ reason: 'stopped', durationMs: 300 })));
    };
    const { controller, page } = controllerWith(runtime);
    const running = controller.run();
    await settle();
    assert.equal(controller.running, true);
    assert.equal(request?.signal.aborted, false);
    controller.stop();
    const result = await running;
    assert.equal(request?.signal.aborted, true);
    assert.equal(result?.end.reason, 'stopped');
    assert.equal(page.lastSaid(), 'Stopped after 0.3 s.');
    assert.ok(page.log.includes('not running'));
  });

  it('a second Run stops the first, and only the second reports', async () => {
    const requests: RunRequest[] = [];
    const runtime = new FakeRuntime();
    runtime.run = (given) => {
      requests.push(given);
      return new Promise<RunEnd>((resolve) => given.signal.addEventListener('abort', () => resolve({ reason: 'stopped', durationMs: 1 })));
    };
    const { controller } = controllerWith(runtime);
    const first = controller.run();
    await settle();
    const second = controller.run();
    await settle();
    assert.equal(requests[0]?.signal.aborted, true);
    assert.equal(await first, undefined);
    controller.stop();
    assert.equal((await second)?.end.reason, 'stopped');
  });

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

  it('a runtime that cannot run: Run is disabled, and a Run anyway says why without starting anything', async () => {
    const runtime = new FakeRuntime({ kind: 'none', status: { state: 'unavailable', message: 'This browser cannot run code here. Run npm start to run lessons locally.' } });
    const { controller, page } = controllerWith(runtime);
    await settle();
    assert.ok(page.log.includes('run disabled'));
    assert.equal(await controller.run(), undefined);
    assert.equal(runtime.runs.length, 0);
    assert.deepEqual(page.said.at(-1), { text: 'This browser cannot run code here. Run npm start to run lessons locally.', tone: 'error' });
    assert.equal(controller.running, false);
  });

  it('a run that fails shows its message in the status and the output', async () => {
    const runtime = new FakeRuntime({ end: { reason: 'failed', durationMs: 5000, message: 'server.js never listened. Check that it calls listen().' } });
    const { controller, page } = controllerWith(runtime);
    await controller.run();
    assert.deepEqual(page.said.at(-1), { text: 'server.js never listened. Check that it calls listen().', tone: 'error' });
    assert.ok(page.log.includes('note error: server.js never listened. Check that it calls listen().'));
  });

  it('switching runtime stops the run on the old one and runs the next on the new one', async () => {
    const old = new FakeRuntime();
    let oldSignal: AbortSignal | undefined;
    old.run = (given) => {
      oldSignal = given.signal;
      return new Promise<RunEnd>((resolve) => given.signal.addEventListener('abort', () => resolve({ reason: 'stopped', durationMs: 1 })));
    };
    const { controller } = controllerWith(old);
    void controller.run();
    await settle();
    const next = new FakeRuntime({ events: ONE_CONNECTION, end: COMPLETED });
    controller.useRuntime(Promise.resolve({ runtime: next }));
    assert.equal(oldSignal?.aborted, true);
    await controller.run();
    assert.equal(next.runs.length, 1);
    // The old runtime's status no longer reaches the page.
    controller.dispose();
  });

  it('interest in the workspace prepares the runtime once; a local runtime is prepared at once', async () => {
    const runtime = new FakeRuntime({ kind: 'webcontainer' });
    const { controller } = controllerWith(runtime);
    await settle();
    assert.equal(runtime.prepared, 0);
    controller.interacted();
    controller.interacted();
    await settle();
    assert.equal(runtime.prepared, 1);
    const local = controllerWith(new FakeRuntime({ kind: 'local' }));
    await settle();
    assert.equal((await local.controller.runtime as FakeRuntime).prepared, 1);
  });
});
