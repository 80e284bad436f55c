// What Check and a challenge say about a run. The e2e tests look for these words on the page, so
// the sentences are pinned here in full.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { judgeChallenge, judgeCheck } from '../../../src/client/workspace/verdict.ts';
import type { Challenge, Claim } from '../../../src/schemas/lesson.ts';
import type { LaneEvent } from '../../../src/schemas/meter.ts';
import type { RunEvent } from '../../../src/schemas/run-events.ts';

function sample(at: number, server: { open: number; accepted: number; requests: number }, lanes: LaneEvent[] = []): RunEvent {
  return { type: 'meter', process: 'server', at, counts: { server }, lanes };
}

const clientExit = (code: number): RunEvent => ({ type: 'exit', process: 'client', code, signal: null, stoppedByLab: false });

// A client that reuses one connection for three requests, which the server then closes.
const reused: RunEvent[] = [
  { type: 'phase', phase: 'starting-server' },
  { type: 'phase', phase: 'starting-client', port: 4000 },
  sample(100, { open: 1, accepted: 1, requests: 1 }, [[1, 'open', 90], [1, 'request', 95]]),
  sample(200, { open: 1, accepted: 1, requests: 3 }, [[1, 'request', 150], [1, 'request', 190]]),
  clientExit(0),
  sample(300, { open: 0, accepted: 1, requests: 3 }, [[1, 'close', 250]]),
];

// A client that opens a new connection per request and never closes them.
const leaky: RunEvent[] = [
  sample(100, { open: 2, accepted: 2, requests: 2 }),
  sample(200, { open: 3, accepted: 3, requests: 3 }),
  clientExit(1),
];

const oneConnection: Claim = { run: 'solution', says: 'one connection carries every request', expect: { accepted: { equals: 1 } } };
const allClosed: Claim = { run: 'solution', says: 'the server closes the idle connection', expect: { finalOpen: { atMost: 0 } } };
const cleanExit: Claim = { run: 'solution', says: 'the client exits by itself with code 0', expect: { clientExitCode: { equals: 0 } } };

describe('Check', () => {
  test('passes when every claim holds, and says what was measured over the whole run', () => {
    assert.deepEqual(judgeCheck([oneConnection, allClosed, cleanExit], reused), {
      outcome: 'pass',
      text: 'Check passed. Measured: 1 connection accepted, 3 requests, at most 1 open at once. This lesson is marked complete.',
      items: [],
    });
  });

  test('fails with one line per number that missed, each with what the claim says', () => {
    assert.deepEqual(judgeCheck([oneConnection, allClosed, cleanExit], leaky), {
      outcome: 'fail',
      text: 'Check failed. Measured: 3 connections accepted, 3 requests, at most 3 open at once.',
      items: [
        'Connections accepted was 3, expected exactly 1. Look at this: one connection carries every request',
        'Open connections at the end was 3, expected at most 0. Look at this: the server closes the idle connection',
        'The client’s exit code was 1, expected exactly 0. Look at this: the client exits by itself with code 0',
      ],
    });
  });

  test('lists each failing metric of one claim on its own line', () => {
    const claim: Claim = { run: 'solution', says: 'few connections, all closed at the end', expect: { accepted: { atMost: 1 }, finalOpen: { equals: 0 } } };
    assert.deepEqual(judgeCheck([claim], leaky).items, [
      'Connections accepted was 3, expected at most 1. Look at this: few connections, all closed at the end',
      'Open connections at the end was 3, expected exactly 0. Look at this: few connections, all closed at the end',
    ]);
  });

  test('with no claims, fails and says the lesson has nothing to check yet', () => {
    assert.deepEqual(judgeCheck([], reused), {
      outcome: 'fail',
      text: 'Check failed. Measured: 1 connection accepted, 3 requests, at most 1 open at once.',
      items: ['This lesson has nothing to check yet.'],
    });
  });

  test('a run without a meter sample measures zeros', () => {
    assert.equal(judgeCheck([oneConnection], [clientExit(0)]).text, 'Check failed. Measured: 0 connections accepted, 0 requests, at most 0 open at once.');
  });
});

describe('a challenge', () => {
  const challenge: Challenge = {
    id: 'one-socket',
    title: 'One socket for all',
    task: 'Send three requests over a single connection and close it at the end.',
    expect: { accepted: { equals: 1 }, requests: { atLeast: 3 }, finalOpen: { equals: 0 } },
  };

  test('passes when the run is within its bounds', () => {
    assert.deepEqual(judgeChallenge(challenge, reused), {
      outcome: 'pass',
      text: 'Challenge passed. Measured: 3 requests, 1 connection accepted, 0 open at the end.',
      items: [],
    });
  });

  test('fails with “Not yet.” and one line per number, each saying what the challenge needs', () => {
    assert.deepEqual(judgeChallenge(challenge, leaky), {
      outcome: 'fail',
      text: 'Not yet. Measured: 3 requests, 3 connections accepted, 3 open at the end.',
      items: ['Connections accepted was 3; the challenge needs exactly 1.', 'Open connections at the end was 3; the challenge needs exactly 0.'],
    });
  });

  test('a timed challenge says when it measured, and judges the numbers as they stood then', () => {
    const timed: Challenge = { ...challenge, within: 150, from: 'firstRequest', expect: { requests: { equals: 1 } } };
    assert.deepEqual(judgeChallenge(timed, reused), {
      outcome: 'fail',
      text: 'Not yet. Measured within 0.15 s of the server’s first request: 3 requests, 1 connection accepted, 1 open at the end.',
      items: ['Requests was 3; the challenge needs exactly 1.'],
    });
  });
});
