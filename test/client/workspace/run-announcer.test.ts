// What the run status says while a run goes on and when it ends: few words, since the status line
// is a live region a screen reader reads out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIMB_ANNOUNCED_AT, MARK_FIRST_SAMPLE, RunAnnouncer, type Announcement } from '../../../src/client/workspace/run-announcer.ts';
import type { LessonProcess, RunEvent } from '../../../src/schemas/run-events.ts';
import { FakeRuntime } from '../../fakes/fake-runtime.ts';

function sample(open: number, accepted = open, requests = accepted, process: LessonProcess = 'server'): RunEvent {
  return { type: 'meter', process, at: 0, counts: { server: { open, accepted, requests } } };
}

/** What the announcer said about a whole run, leaving out the events it had nothing to say about. */
async function announcementsOf(runtime: FakeRuntime): Promise<{ during: Announcement[]; end: Announcement }> {
  const announcer = new RunAnnouncer();
  const during: Announcement[] = [];
  const end = await runtime.run({
    files: [],
    signal: new AbortController().signal,
    onEvent: (event) => {
      const announcement = announcer.hear(event);
      if (announcement.status || announcement.output) during.push(announcement);
    },
  });
  return { during, end: announcer.end(end) };
}

const climbed: Announcement = { status: { text: 'Running: open connections passed 50 and are still counted.', tone: 'neutral' } };

describe('during a run', () => {
  test('says the client started, on which port the server listens', () => {
    const announcer = new RunAnnouncer();
    assert.deepEqual(announcer.hear({ type: 'phase', phase: 'starting-server' }), {});
    assert.deepEqual(announcer.hear({ type: 'phase', phase: 'starting-client', port: 41234 }), {
      status: { text: 'Running: server.js listens on port 41234, client.js started.', tone: 'neutral' },
    });
  });

  test('says nothing about output, exits, notices, or samples below the threshold', () => {
    const announcer = new RunAnnouncer();
    const quiet: RunEvent[] = [
      { type: 'output', process: 'client', stream: 'stdout', text: 'hello\n' },
      { type: 'notice', level: 'info', text: 'Time limit: 20 s.' },
      sample(1),
      sample(CLIMB_ANNOUNCED_AT - 1),
      { type: 'exit', process: 'client', code: 0, signal: null, stoppedByLab: false },
    ];
    for (const event of quiet) assert.deepEqual(announcer.hear(event), {});
  });

  test('announces the climb once when open connections pass 50, however many samples follow', async () => {
    assert.equal(CLIMB_ANNOUNCED_AT, 50);
    const events = Array.from({ length: 200 }, (_, index) => sample(index + 1));
    const { during } = await announcementsOf(new FakeRuntime({ events }));
    assert.deepEqual(during, [climbed]);
  });

  test('announces a jump straight past the threshold, and not a client process’s counts', () => {
    const announcer = new RunAnnouncer();
    assert.deepEqual(announcer.hear(sample(80, 80, 80, 'client')), {});
    assert.deepEqual(announcer.hear(sample(3)), {});
    assert.deepEqual(announcer.hear(sample(120)), climbed);
    assert.deepEqual(announcer.hear(sample(130)), {});
  });

  test('without requestAnimationFrame, as in Node, hearing a sample does not throw', () => {
    assert.equal(typeof globalThis.requestAnimationFrame, 'undefined');
    assert.doesNotThrow(() => new RunAnnouncer().hear(sample(1)));
  });

  test('with requestAnimationFrame, marks the first sample on screen once for the bench', (t) => {
    const frames: FrameRequestCallback[] = [];
    globalThis.requestAnimationFrame = (callback) => frames.push(callback);
    t.after(() => Reflect.deleteProperty(globalThis, 'requestAnimationFrame'));
    performance.clearMarks(MARK_FIRST_SAMPLE);
    const announcer = new RunAnnouncer();
    announcer.hear({ type: 'phase', phase: 'starting-client', port: 1 });
    announcer.hear(sample(1));
    announcer.hear(sample(2));
    assert.equal(frames.length, 1);
    frames[0]?.(0);
    assert.equal(performance.getEntriesByName(MARK_FIRST_SAMPLE, 'mark').length, 1);
    performance.clearMarks(MARK_FIRST_SAMPLE);
  });
});

describe('when the run ends', () => {
  test('a completed run says how long it took and what the server counted', async () => {
    const events = [sample(1, 1, 1), sample(1, 1, 3), sample(0, 1, 3)];
    const { end } = await announcementsOf(new FakeRuntime({ events, end: { reason: 'completed', durationMs: 1_234 } }));
    assert.deepEqual(end, { status: { text: 'Finished in 1.2 s: 3 requests over 1 connection.', tone: 'ok' } });
  });

  test('counts in the singular and plural', async () => {
    const { end } = await announcementsOf(new FakeRuntime({ events: [sample(0, 2, 1)], end: { reason: 'completed', durationMs: 140 } }));
    assert.equal(end.status?.text, 'Finished in 0.1 s: 1 request over 2 connections.');
  });

  test('a completed run without a meter sample warns in the output that the numbers stay blank', async () => {
    const { end } = await announcementsOf(new FakeRuntime({ end: { reason: 'completed', durationMs: 2_000 } }));
    const message =
      'Finished in 2.0 s, but the meter could not count connections in this runtime, so its numbers stay blank rather than show a wrong 0.';
    assert.deepEqual(end, { status: { text: message, tone: 'neutral' }, output: { text: message, level: 'warning' } });
  });

  test('a stopped run says after how long, and nothing in the output', async () => {
    const { end } = await announcementsOf(new FakeRuntime({ events: [sample(4)], end: { reason: 'stopped', durationMs: 3_450 } }));
    assert.deepEqual(end, { status: { text: 'Stopped after 3.5 s.', tone: 'neutral' } });
  });

  test('a failed run puts its message in the status and the output, as an error', () => {
    const message = 'server.js exited with code 1 before it listened.';
    assert.deepEqual(new RunAnnouncer().end({ reason: 'failed', durationMs: 300, message }), {
      status: { text: message, tone: 'error' },
      output: { text: message, level: 'error' },
    });
  });

  test('a run at the time limit is told like a failure: its message in the status and the output', () => {
    const message = 'Stopped after 20 s, the time limit for one run. Does the client finish its work and exit?';
    assert.deepEqual(new RunAnnouncer().end({ reason: 'time-limit', durationMs: 20_000, message }), {
      status: { text: message, tone: 'error' },
      output: { text: message, level: 'error' },
    });
  });

  test('a failed run without a message still says it failed', () => {
    assert.deepEqual(new RunAnnouncer().end({ reason: 'failed', durationMs: 300 }), {
      status: { text: 'The run failed.', tone: 'error' },
      output: { text: 'The run failed.', level: 'error' },
    });
  });
});
