// The run logic shared by every runtime, with a launcher that records what it was asked to start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunAnnouncer } from '../../src/client/workspace/run-announcer.ts';
import { superviseRun, type ProcessExit, type ProcessLauncher } from '../../src/run/supervise-run.ts';
import type { LessonProcess, RunEnd, RunEvent } from '../../src/schemas/run-events.ts';

/**
 * A launcher whose client exits at once and whose server runs until stopped. Each process hands
 * `meterLines` to the run as its meter's lines, some at start and the rest a moment later.
 */
function fakeLauncher(meterLines: readonly string[] = []) {
  const started: { name: LessonProcess; env: Record<string, string> }[] = [];
  const delivered: string[] = [];
  const launcher: ProcessLauncher = {
    start(name, env, sinks) {
      started.push({ name, env });
      let finish: (exit: ProcessExit) => void = () => {};
      const exited = new Promise<ProcessExit>((resolve) => (finish = resolve));
      const half = Math.ceil(meterLines.length / 2);
      const send = (lines: readonly string[]) =>
        lines.forEach((line) => {
          delivered.push(line);
          sinks.onMeterLine(line);
        });
      send(meterLines.slice(0, half));
      setTimeout(() => {
        send(meterLines.slice(half));
        if (name === 'client') finish({ code: 0, signal: null, stoppedByLab: false });
      }, 5);
      return { exited, stop: () => finish({ code: null, signal: null, stoppedByLab: true }) };
    },
  };
  return { launcher, started, delivered };
}

/** A run whose port comes from the runtime (as WebContainer's 'port' event reports it), not the meter. */
async function runWithPortHint(launcher: ProcessLauncher): Promise<{ events: RunEvent[]; end: RunEnd }> {
  const events: RunEvent[] = [];
  const end = await superviseRun({
    launcher,
    signal: new AbortController().signal,
    onEvent: (event) => events.push(event),
    listenHint: (report) => setTimeout(() => report(43210), 10),
    limits: { settleAfterClientMs: 20 },
  });
  return { events, end };
}

/** What the page's run status says after these events: the page renders from nothing else. */
function pageSays(events: RunEvent[], end: RunEnd): string | undefined {
  const announcer = new RunAnnouncer();
  for (const event of events) announcer.hear(event);
  return announcer.end(end).status?.text;
}

test('a port reported by the runtime starts the client when the meter cannot report it', async () => {
  const { launcher, started } = fakeLauncher();
  const { end } = await runWithPortHint(launcher);
  assert.equal(end.reason, 'completed');
  assert.deepEqual(started, [
    { name: 'server', env: { PORT: '0' } },
    { name: 'client', env: { PORT: '43210' } },
  ]);
});

test('no samples: the page shows blanks, not zeros', async () => {
  // What reaches the run when the meter cannot count: nothing that is a sample with counts.
  // Broken lines, samples without (valid) counts, messages of no known type: none may become a
  // meter event, or the page would show 0 connections where nothing was counted.
  const notSamples = [
    '',
    'not json',
    '{"type":"sample"',
    'null',
    '{"type":"sample"}',
    '{"type":"sample","t":12}',
    '{"type":"sample","t":12,"server":{}}',
    '{"type":"sample","t":12,"server":{"open":0,"accepted":0}}',
    '{"type":"sample","t":12,"server":{"open":-1,"accepted":0,"requests":0}}',
    '{"type":"sample","t":12,"server":{"open":"0","accepted":"0","requests":"0"}}',
    '{"type":"counts","server":{"open":0,"accepted":0,"requests":0}}',
  ];
  const { launcher, delivered } = fakeLauncher(notSamples);
  const { events, end } = await runWithPortHint(launcher);
  assert.equal(end.reason, 'completed');
  assert.equal(delivered.length, 2 * notSamples.length, 'both processes handed every line to the run');
  assert.deepEqual(
    events.filter((event) => event.type === 'meter'),
    [],
    'no sample arrived, so the run reports no counts at all: the page keeps its figures blank',
  );
  assert.match(pageSays(events, end) ?? '', /^Finished in \d+\.\d s, but the meter could not count connections in this runtime, so its numbers stay blank rather than show a wrong 0\.$/);
});

test('control: one real sample of zeros does reach the page as zeros', async () => {
  // The same run, where the server's meter did count, and counted nothing: then 0 is the truth.
  const { launcher } = fakeLauncher(['{"type":"sample","t":3,"server":{"open":0,"accepted":0,"requests":0},"lanes":[]}']);
  const { events, end } = await runWithPortHint(launcher);
  const samples = events.filter((event) => event.type === 'meter');
  assert.deepEqual(
    samples.map(({ process, counts }) => ({ process, counts })),
    [
      { process: 'server', counts: { server: { open: 0, accepted: 0, requests: 0 } } },
      { process: 'client', counts: { server: { open: 0, accepted: 0, requests: 0 } } },
    ],
  );
  assert.match(pageSays(events, end) ?? '', /^Finished in \d+\.\d s: 0 requests over 0 connections\.$/);
});
