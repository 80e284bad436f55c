// The run's clock: elapsed time and time left before the runtime's limit, ticking once a second
// while a run goes on (a client stuck in `while (true) {}` included), gone when it ends. Fake timers
// and a fake runtime; the limit comes from the run's first event, as both runtimes send it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { describeRunTime, RunClock, type ClockDeps } from '../../../src/client/workspace/run-clock.ts';
import { StatusLine } from '../../../src/client/workspace/status-line.ts';
import { WorkspaceController, type ResolvedRuntime, type WorkspaceView } from '../../../src/client/workspace/workspace-controller.ts';
import type { RunRequest } from '../../../src/runtime/runtime.ts';
import type { RunEnd } from '../../../src/schemas/run-events.ts';
import { FakeRuntime } from '../../fakes/fake-runtime.ts';

/** The clock's needs, answered by node:test's fake Date and setInterval. */
const fakeClock: ClockDeps = {
  now: () => Date.now(),
  setInterval: (tick, ms) => setInterval(tick, ms),
  clearInterval: (handle) => clearInterval(handle),
};

describe('describeRunTime', () => {
  it('says the time gone and the time left, in whole seconds', () => {
    assert.equal(describeRunTime(0, 60_000), '0 s elapsed · 60 s left of the 60 s limit');
    assert.equal(describeRunTime(12_400, 60_000), '12 s elapsed · 48 s left of the 60 s limit');
    assert.equal(describeRunTime(59_999, 60_000), '59 s elapsed · 1 s left of the 60 s limit');
    assert.equal(describeRunTime(61_000, 60_000), '61 s elapsed · 0 s left of the 60 s limit');
    assert.equal(describeRunTime(30_000, 180_000), '30 s elapsed · 2 min 30 s left of the 3 min limit');
  });
});

describe('RunClock', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('ticks once a second from start, and hides when stopped', () => {
    const shown: string[] = [];
    const clock = new RunClock((text) => shown.push(text), fakeClock);
    clock.start(60_000);
    mock.timers.tick(999);
    assert.deepEqual(shown, ['0 s elapsed · 60 s left of the 60 s limit']);
    for (let second = 0; second < 3; second++) mock.timers.tick(second === 0 ? 1 : 1_000);
    assert.deepEqual(shown.slice(1), ['1 s elapsed · 59 s left of the 60 s limit', '2 s elapsed · 58 s left of the 60 s limit', '3 s elapsed · 57 s left of the 60 s limit']);
    clock.stop();
    mock.timers.tick(5_000);
    assert.equal(shown.at(-1), '', 'hidden, and no more ticks');
    assert.equal(shown.length, 5);
  });
});

/** A runtime whose client never ends (`while (true) {}`): it starts, then waits to be stopped. */
class EndlessRuntime extends FakeRuntime {
  override async run(request: RunRequest): Promise<RunEnd> {
    this.runs.push(request);
    request.onEvent({ type: 'phase', phase: 'starting-server', timeLimitMs: 60_000 });
    request.onEvent({ type: 'phase', phase: 'starting-client', port: 4321 });
    await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
    return { reason: 'stopped', durationMs: 3_000, message: 'Stopped.' };
  }
}

function clockedController(runtime: FakeRuntime) {
  const clock: string[] = [];
  const said: string[] = [];
  const view = {
    files: () => [],
    meter: { reset() {}, add() {}, describe() {} },
    output: { clear() {}, add() {}, note() {}, markError() {} },
    status: new StatusLine((text) => said.push(text)),
    enableRun() {},
    setRunning() {},
    showCheck() {},
    showClock: (text: string) => clock.push(text),
    showRuntimeNote() {},
    showBetaNotice() {},
    showNextLink() {},
  } satisfies WorkspaceView;
  const progress = { learnerId: () => 'l', lessonPassed() {}, challengePassed() {}, solutionApplied: () => false };
  const controller = new WorkspaceController(view, { lesson: '02-the-leak', checkClaims: undefined, relies: [] }, progress, fakeClock);
  controller.useRuntime(Promise.resolve<ResolvedRuntime>({ runtime }));
  return { controller, clock, said };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the clock beside the run status', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('a run that never ends shows its time passing and the time left, and the clock goes when it is stopped', async () => {
    const { controller, clock, said } = clockedController(new EndlessRuntime());
    const running = controller.run();
    await settle();
    assert.equal(said.at(-1), 'Running: server.js listens on port 4321, client.js started.');
    for (let second = 0; second < 3; second++) mock.timers.tick(1_000);
    assert.deepEqual(clock, [
      '0 s elapsed · 60 s left of the 60 s limit',
      '1 s elapsed · 59 s left of the 60 s limit',
      '2 s elapsed · 58 s left of the 60 s limit',
      '3 s elapsed · 57 s left of the 60 s limit',
    ]);
    controller.stop();
    await running;
    assert.equal(clock.at(-1), '');
    mock.timers.tick(3_000);
    assert.equal(clock.length, 5, 'no ticks after the run');
  });

  it('a run that ends by itself takes its clock with it', async () => {
    const runtime = new FakeRuntime({ events: [{ type: 'phase', phase: 'starting-server', timeLimitMs: 30_000 }], end: { reason: 'completed', durationMs: 10 } });
    const { controller, clock } = clockedController(runtime);
    await controller.run();
    assert.deepEqual(clock, ['0 s elapsed · 30 s left of the 30 s limit', '']);
  });
});
