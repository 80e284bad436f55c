// What the workspace says about where code runs, for each state a runtime can be in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runtimeNote, runtimeStatusLine } from '../../../src/client/workspace/runtime-notes.ts';
import type { RelianceOnPage } from '../../../src/run/reliance-notice.ts';
import type { RuntimeStatus } from '../../../src/runtime/runtime.ts';
import { FakeRuntime } from '../../fakes/fake-runtime.ts';

const local = new FakeRuntime({ kind: 'local', label: 'local runner' });

describe('the status line', () => {
  test('says why when the runtime is unavailable or failed, as an error', () => {
    assert.deepEqual(runtimeStatusLine(local, { state: 'unavailable', message: 'Nothing can run code here.' }, false), {
      text: 'Nothing can run code here.',
      tone: 'error',
    });
    assert.deepEqual(runtimeStatusLine(local, { state: 'failed', message: 'WebContainer did not start.' }, true), {
      text: 'WebContainer did not start.',
      tone: 'error',
    });
  });

  test('while booting, shows what the boot is doing', () => {
    assert.deepEqual(runtimeStatusLine(local, { state: 'booting', detail: 'Starting WebContainer…' }, false), {
      text: 'Starting WebContainer…',
      tone: 'neutral',
    });
  });

  test('in a queue, says the run is next when nobody is ahead', () => {
    assert.deepEqual(runtimeStatusLine(local, { state: 'queued', ahead: 0 }, true), {
      text: 'Waiting: your run is next, and starts by itself. Stop leaves the line.',
      tone: 'neutral',
    });
  });

  test('in a queue, counts the runs ahead, in the plural', () => {
    assert.equal(
      runtimeStatusLine(local, { state: 'queued', ahead: 3 }, true)?.text,
      'Waiting: 3 runs ahead of you. Your run starts by itself; Stop leaves the line.',
    );
    assert.equal(
      runtimeStatusLine(local, { state: 'queued', ahead: 1 }, true)?.text,
      'Waiting: 1 run ahead of you. Your run starts by itself; Stop leaves the line.',
    );
  });

  test('when ready or idle and nothing runs, names the runtime and says to press Run, marked idle (it covers no news)', () => {
    const ready = { text: 'Ready: code runs with the local runner. Press Run.', tone: 'neutral', idle: true };
    assert.deepEqual(runtimeStatusLine(local, { state: 'ready' }, false), ready);
    assert.deepEqual(runtimeStatusLine(local, { state: 'idle' }, false), ready);
  });

  test('when ready while a run goes on, or running, leaves the line to the run', () => {
    assert.equal(runtimeStatusLine(local, { state: 'ready' }, true), undefined);
    assert.equal(runtimeStatusLine(local, { state: 'running' }, true), undefined);
  });

  test('follows the runtime’s status changes', () => {
    const runtime = new FakeRuntime({ label: 'WebContainer', status: { state: 'booting', detail: 'Booting…' } });
    const lines: (string | undefined)[] = [runtimeStatusLine(runtime, runtime.status(), false)?.text];
    const unsubscribe = runtime.onStatus((status) => lines.push(runtimeStatusLine(runtime, status, false)?.text));
    runtime.setStatus({ state: 'ready' });
    unsubscribe();
    runtime.setStatus({ state: 'failed', message: 'gone' });
    assert.deepEqual(lines, ['Booting…', 'Ready: code runs with the WebContainer. Press Run.']);
    assert.deepEqual(runtime.status(), { state: 'failed', message: 'gone' });
  });
});

describe('the note under it', () => {
  const relies: RelianceOnPage[] = [
    { feature: 'TCPSocketWrap', why: 'The meter counts open sockets this way.', affects: ['“the connection stays open”', 'the challenge “Close it”'] },
  ];
  const ready: RuntimeStatus = { state: 'ready' };

  test('is empty when the runtime is ready and has nothing to say', () => {
    assert.equal(runtimeNote(local, ready, relies), '');
    assert.equal(runtimeNote(new FakeRuntime({ nodeVersion: '22.23.3' }), ready, relies), '');
  });

  test('carries the runtime’s own note', () => {
    assert.equal(runtimeNote(local, { state: 'ready', note: 'The runner started late.' }, []), 'The runner started late.');
  });

  test('says when the runtime runs a Node line the lessons are not checked on, and not for one they are', () => {
    const runtime = new FakeRuntime({ label: 'WebContainer', nodeVersion: '20.19.1' });
    assert.equal(
      runtimeNote(runtime, { state: 'ready', note: 'Booted late.' }, []),
      'Booted late. This browser runs Node 20.19.1, but this lesson\'s numbers are checked on Node 22, 24 and 26: ' +
        'they may differ here. The local runner (`npm start`) runs Node 26.',
    );
    for (const nodeVersion of ['22.23.3', '24.21.0', '26.10.0']) {
      assert.equal(runtimeNote(new FakeRuntime({ label: 'WebContainer', nodeVersion }), { state: 'ready' }, []), '', nodeVersion);
    }
  });

  test('names what needs the local runner when a feature the lesson relies on is missing', () => {
    const runtime = new FakeRuntime({ label: 'WebContainer', missingFeatures: ['TCPSocketWrap'] });
    assert.equal(
      runtimeNote(runtime, ready, relies),
      'TCPSocketWrap is missing here (in Node, process.getActiveResourcesInfo() lists each open TCP socket as TCPSocketWrap). ' +
        'The meter counts open sockets this way. So on this page these need the local runner (`npm start`): ' +
        '“the connection stays open”; the challenge “Close it”.',
    );
  });

  test('says nothing of a missing feature the lesson does not rely on', () => {
    const runtime = new FakeRuntime({ missingFeatures: ['net.client.socket'] });
    assert.equal(runtimeNote(runtime, ready, relies), '');
  });

  test('is cleared when the runtime failed or is unavailable', () => {
    assert.equal(runtimeNote(local, { state: 'failed', message: 'no' }, relies), '');
    assert.equal(runtimeNote(local, { state: 'unavailable', message: 'no' }, relies), '');
  });

  test('is left as it is while the runtime boots, queues, runs or idles', () => {
    for (const status of [{ state: 'booting', detail: 'Booting…' }, { state: 'queued', ahead: 1 }, { state: 'running' }, { state: 'idle' }] as const) {
      assert.equal(runtimeNote(local, status, relies), undefined, status.state);
    }
  });
});
