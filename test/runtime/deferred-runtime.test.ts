// DeferredRuntime (src/runtime/deferred-runtime.ts): WebContainer's code loads on the first
// prepare() or run(), once, and the page sees the real runtime's statuses from then on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeferredRuntime } from '../../src/runtime/deferred-runtime.ts';
import type { RunRequest, Runtime, RuntimeStatus } from '../../src/runtime/runtime.ts';
import { StatusEmitter } from '../../src/runtime/status-emitter.ts';

function innerRuntime() {
  const status = new StatusEmitter({ state: 'idle' });
  const runtime: Runtime & { prepared: number } = {
    kind: 'webcontainer',
    label: 'WebContainer (Node 22.9.0 in this browser)',
    nodeVersion: '22.9.0',
    prepared: 0,
    status: () => status.get(),
    onStatus: (listener) => status.subscribe(listener),
    async prepare() {
      runtime.prepared += 1;
      status.set({ state: 'booting', detail: 'Starting' });
      status.set({ state: 'ready' });
    },
    async run() {
      return { reason: 'completed', durationMs: 5 };
    },
  };
  return runtime;
}

const request = (): RunRequest => ({ files: [], signal: new AbortController().signal, onEvent() {} });

test('nothing loads until the first prepare(); then it loads once and hands over', async () => {
  let loads = 0;
  const inner = innerRuntime();
  const deferred = new DeferredRuntime('webcontainer', 'WebContainer (Node in this browser)', async () => {
    loads += 1;
    return inner;
  });
  const seen: RuntimeStatus['state'][] = [];
  deferred.onStatus((status) => seen.push(status.state));
  assert.equal(loads, 0);
  assert.equal(deferred.status().state, 'idle');
  assert.equal(deferred.label, 'WebContainer (Node in this browser)');
  assert.equal(deferred.nodeVersion, undefined);

  await Promise.all([deferred.prepare(), deferred.prepare()]);
  assert.equal(loads, 1, 'two interactions, one load');
  assert.equal(inner.prepared, 2);
  assert.deepEqual(seen, ['idle', 'booting', 'ready', 'booting', 'ready']);
  assert.equal(deferred.status().state, 'ready');
  assert.equal(deferred.label, inner.label);
  assert.equal(deferred.nodeVersion, '22.9.0');
  assert.deepEqual(await deferred.run(request()), { reason: 'completed', durationMs: 5 });
  assert.equal(loads, 1);
});

test('a run before any prepare() loads the runtime too', async () => {
  const deferred = new DeferredRuntime('webcontainer', 'WebContainer', async () => innerRuntime());
  assert.equal((await deferred.run(request())).reason, 'completed');
});

test('code that cannot load (offline after the page) fails with what to do, and never rejects', async () => {
  const deferred = new DeferredRuntime('webcontainer', 'WebContainer (Node in this browser)', async () => {
    throw new TypeError('Failed to fetch dynamically imported module');
  });
  await deferred.prepare();
  const status = deferred.status();
  assert.equal(status.state, 'failed');
  assert.match(status.state === 'failed' ? status.message : '', /^The WebContainer \(Node in this browser\) could not load \(Failed to fetch dynamically imported module\)\. Check your connection and reload the page; your code is kept\.$/);
  const end = await deferred.run(request());
  assert.equal(end.reason, 'failed');
  assert.match(end.message ?? '', /could not load/);
});
