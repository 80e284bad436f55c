// The page's side of the local runner (src/runtime/local/local-runtime.ts), over a real socket:
// Node's own WebSocket (the one the browser API describes) against a real `ws` server on
// 127.0.0.1 that runs the runner's real session (src/runner/runner-session.ts), so the hello and
// the refusals are the ones `npm start` sends. No lesson process starts: every run here is refused,
// waits behind a held slot, or is too large to read.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { WebSocketServer } from 'ws';
import { DEFAULT_LIMITS } from '../../../src/run/supervise-run.ts';
import { RunQueue } from '../../../src/runner/run-queue.ts';
import { startRunnerSession } from '../../../src/runner/runner-session.ts';
import { LocalRuntime } from '../../../src/runtime/local/local-runtime.ts';
import type { RunEnd } from '../../../src/schemas/run-events.ts';
import type { LessonFile } from '../../../src/schemas/runner-protocol.ts';
import type { RuntimeStatus } from '../../../src/runtime/runtime.ts';

/**
 * The runner closes the socket (1009) on a message larger than it will read (MAX_MESSAGE_BYTES,
 * 8 MiB). A smaller limit here sends less; the close the page sees is the same.
 */
const MAX_PAYLOAD = 64 * 1024;
const LESSON: LessonFile[] = [
  { name: 'server.js', content: '// server\n' },
  { name: 'client.js', content: '// client\n' },
];
/** A runtime that loses track of a run never resolves it: fail such a test rather than hang. */
const TIMEOUT_MS = 10_000;
const LOST_RUNNER = /^Lost the connection to the local runner\. Is `npm start` still running\? Start it again, then press Run\.$/;

interface RunnerOptions {
  room?: boolean;
  queue?: RunQueue;
}

/** A runner session behind a real WebSocket server; what pages opened and sent is recorded. */
async function startRunner(t: TestContext, options: RunnerOptions = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_PAYLOAD });
  await once(server, 'listening');
  const paths: string[] = [];
  const received: { type?: unknown }[] = [];
  const passed: unknown[] = [];
  server.on('connection', (socket, request) => {
    paths.push(request.url ?? '');
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as { type?: unknown }));
    startRunnerSession(socket, {
      limits: DEFAULT_LIMITS,
      queue: options.queue ?? new RunQueue({ maxRunning: 1 }),
      activeRuns: new Set(),
      onStopAll: new Set(),
      ...(options.room ? { room: true, onPassed: (report) => passed.push(report) } : {}),
    });
  });
  const dropAll = () => server.clients.forEach((socket) => socket.terminate());
  t.after(async () => {
    dropAll();
    await new Promise((resolve) => server.close(resolve));
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, received, passed, dropAll };
}

function localRuntime(origin: string) {
  const runtime = new LocalRuntime(origin);
  const statuses: RuntimeStatus[] = [];
  runtime.onStatus((status) => statuses.push(status));
  return { runtime, statuses };
}

function run(runtime: LocalRuntime, files: LessonFile[], signal = new AbortController().signal): Promise<RunEnd> {
  return runtime.run({ files, signal, onEvent: () => undefined });
}

/** Holds the queue's one slot, so that a Run waits in line and never starts a process. */
async function heldQueue(t: TestContext, maxWaiting?: number) {
  const queue = new RunQueue({ maxRunning: 1, ...(maxWaiting !== undefined ? { maxWaiting } : {}) });
  const release = await queue.enter(() => undefined)?.turn;
  t.after(() => release?.());
  return queue;
}

async function until(condition: () => boolean, what: string) {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("it opens /api/runner once, and the runner's hello makes it ready, with the time limit in its label", { timeout: TIMEOUT_MS }, async (t) => {
  const runner = await startRunner(t);
  const { runtime, statuses } = localRuntime(runner.origin);
  assert.deepEqual(runtime.status(), { state: 'idle' });
  await runtime.prepare();
  await runtime.prepare();
  assert.deepEqual(runner.paths, ['/api/runner']);
  assert.deepEqual(statuses, [{ state: 'booting', detail: 'Connecting to the local runner…' }, { state: 'ready' }]);
  assert.equal(runtime.label, `local runner (up to ${DEFAULT_LIMITS.timeLimitMs / 1000} s per run)`);
});

test('a refusal that names no run ends the run with the rule it broke, and the connection stays', { timeout: TIMEOUT_MS }, async (t) => {
  const runner = await startRunner(t);
  const { runtime } = localRuntime(runner.origin);
  const end = await run(runtime, [{ name: 'server.js', content: '' }]);
  assert.deepEqual(end, { reason: 'failed', durationMs: 0, message: 'Refused: a run needs a client.js (at files). Nothing was run.' });
  assert.deepEqual(runtime.status(), { state: 'ready' });
  await run(runtime, [{ name: '../server.js', content: '' }]);
  assert.equal(runner.paths.length, 1);
});

test("a refusal of one run (the runner is busy) ends that run with the runner's words", { timeout: TIMEOUT_MS }, async (t) => {
  const runner = await startRunner(t, { queue: await heldQueue(t, 0) });
  const { runtime } = localRuntime(runner.origin);
  const end = await run(runtime, LESSON);
  assert.equal(end.reason, 'failed');
  assert.match(end.message ?? '', /^The runner is busy: 1 runs are already going on \(in other tabs or pages\)\. Press Run again when one has ended\.$/);
  assert.deepEqual(runtime.status(), { state: 'ready' });
});

test('files too large for the runner to read close the socket: the run names the size rule, and the next Run reconnects', { timeout: TIMEOUT_MS }, async (t) => {
  const runner = await startRunner(t);
  const { runtime } = localRuntime(runner.origin);
  const end = await run(runtime, [...LESSON, { name: 'big.txt', content: 'x'.repeat(MAX_PAYLOAD) }]);
  assert.equal(end.reason, 'failed');
  assert.match(end.message ?? '', /^The runner refused the files: together they are far larger than the 512 KiB a run may carry\. Make them smaller and press Run\.$/);
  // Not a lost runner: nothing to show until the next Run.
  assert.deepEqual(runtime.status(), { state: 'idle' });
  const next = await run(runtime, [{ name: 'server.js', content: '' }]);
  assert.match(next.message ?? '', /^Refused: a run needs a client\.js/);
  assert.deepEqual(runner.paths, ['/api/runner', '/api/runner']);
});

test('a run waiting in line shows its place, and Stop ends it as stopped', { timeout: TIMEOUT_MS }, async (t) => {
  const runner = await startRunner(t, { queue: await heldQueue(t) });
  const { runtime, statuses } = localRuntime(runner.origin);
  const stop = new AbortController();
  const ending = run(runtime, LESSON, stop.signal);
  await until(() => runtime.status().state === 'queued', 'the run is queued');
  assert.deepEqual(statuses.at(-1), { state: 'queued', ahead: 0 });
  stop.abort();
  assert.deepEqual(await ending, { reason: 'stopped', durationMs: 0, message: 'Stopped before it started.' });
  assert.ok(runner.received.some((message) => message.type === 'stop'));
});

// Not tested here: a runner that was never there. Node's WebSocket (undici) fires 'error' but
// never 'close' when the handshake fails (nodejs/undici#3546), where browsers fire both.
test('a runner that goes away fails the run in flight with what to do', { timeout: TIMEOUT_MS }, async (t) => {
  const runner = await startRunner(t, { queue: await heldQueue(t) });
  const { runtime } = localRuntime(runner.origin);
  const ending = run(runtime, LESSON);
  await until(() => runtime.status().state === 'queued', 'the run is queued');
  runner.dropAll();
  const end = await ending;
  assert.equal(end.reason, 'failed');
  assert.match(end.message ?? '', LOST_RUNNER);
  assert.deepEqual(runtime.status(), { state: 'failed', message: end.message });
});

test('in a room, a passed Check reaches the runner; outside one, the page sends nothing', { timeout: TIMEOUT_MS }, async (t) => {
  const passed = { learner: 'learner-1234', lesson: '02-the-leak' };
  const room = await startRunner(t, { room: true });
  const inRoom = localRuntime(room.origin).runtime;
  await inRoom.prepare();
  inRoom.reportPassed(passed);
  await until(() => room.passed.length === 1, 'the room hears of the passed Check');
  assert.deepEqual(room.passed, [{ type: 'passed', ...passed }]);

  const alone = await startRunner(t);
  const atHome = localRuntime(alone.origin).runtime;
  await atHome.prepare();
  atHome.reportPassed(passed);
  // Messages are answered in order: once this refusal is back, a report would have arrived.
  await run(atHome, [{ name: 'server.js', content: '' }]);
  assert.deepEqual(alone.received.map((message) => message.type), ['run']);
});
