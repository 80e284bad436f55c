// The lesson controller driven as a page drives it, with the FakeRuntime in place of a real one
// and a view that records what the page would show: Run, Stop, a runtime that cannot run, and the
// status line's one rule (a run's news is not covered by "Ready"). Check: workspace-controller-verdicts.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunRequest } from '../../../src/runtime/runtime.ts';
import type { RunEnd } from '../../../src/schemas/run-events.ts';
import { FakeRuntime } from '../../fakes/fake-runtime.ts';
import { FILES, ONE_CONNECTION, COMPLETED, controllerWith, settle } from './controller-fixtures.ts';

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
