// The run logic shared by every runtime, with a launcher that records what it was asked to start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { superviseRun, type ProcessExit, type ProcessLauncher } from '../src/run/supervise-run.ts';
import type { RunEvent } from '../src/schemas/run-events.ts';

test('a port reported by the runtime starts the client when the meter cannot report it', async () => {
  const started: { name: string; env: Record<string, string> }[] = [];
  const launcher: ProcessLauncher = {
    start(name, env) {
      started.push({ name, env });
      let finish: (exit: ProcessExit) => void = () => {};
      const exited = new Promise<ProcessExit>((resolve) => (finish = resolve));
      // The client exits at once; the server runs until stopped. Neither writes a meter line.
      if (name === 'client') finish({ code: 0, signal: null, stoppedByLab: false });
      return { exited, stop: () => finish({ code: null, signal: null, stoppedByLab: true }) };
    },
  };
  const events: RunEvent[] = [];
  const end = await superviseRun({
    launcher,
    signal: new AbortController().signal,
    onEvent: (event) => events.push(event),
    listenHint: (report) => setTimeout(() => report(43210), 10),
  });
  assert.equal(end.reason, 'completed');
  assert.deepEqual(started, [
    { name: 'server', env: { PORT: '0' } },
    { name: 'client', env: { PORT: '43210' } },
  ]);
  assert.equal(events.filter((event) => event.type === 'meter').length, 0, 'no samples: the page shows blanks, not zeros');
});
