// Timed claims are judged from the event their sentence is about, so a slow start cannot change
// a verdict. These runs are made up, so that each anchor can be checked against a known answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { anchorTime, checkClaim, describeMoment, summarise } from '../../src/run/claims.ts';
import { claim as claimSchema } from '../../src/schemas/lesson.ts';
import type { LaneEvent } from '../../src/schemas/meter.ts';
import type { RunEvent } from '../../src/schemas/run-events.ts';
import { claimAppliesOn, describeNodeLines, NODE_LINES, PINNED_NODE_LINE } from '../../src/schemas/node-lines.ts';

function sample(at: number, open: number, requests: number, lanes: LaneEvent[] = []): RunEvent {
  return {
    type: 'meter',
    process: 'server',
    at,
    counts: { server: { open, accepted: Math.max(open, 1), requests }, client: { open: 0, opened: 0, requests: 0 } },
    lanes,
  };
}

// A slow start: the first request reaches the server 2 s after Run, the last at 2.5 s, and the
// server closes the connection at 8.5 s (6 s after the last request).
const slowStart: RunEvent[] = [
  sample(1_900, 0, 0),
  sample(2_100, 1, 1, [[1, 'open', 1_990], [1, 'request', 2_000]]),
  sample(2_600, 1, 2, [[1, 'request', 2_500]]),
  sample(8_600, 0, 2, [[1, 'close', 8_500]]),
];

test('the anchors are the first and last request the server received, from the lanes', () => {
  assert.equal(anchorTime(slowStart, 'run'), 0);
  assert.equal(anchorTime(slowStart, 'firstRequest'), 2_000);
  assert.equal(anchorTime(slowStart, 'lastRequest'), 2_500);
  assert.equal(anchorTime([sample(100, 0, 0)], 'lastRequest'), undefined);
});

test('a window counted from Run sees a slow start; one counted from the last request does not', () => {
  assert.equal(summarise(slowStart, { within: 7_000 }).finalOpen, 1);
  assert.equal(summarise(slowStart, { within: 7_000, from: 'run' }).finalOpen, 1);
  assert.equal(summarise(slowStart, { within: 6_500, from: 'lastRequest' }).finalOpen, 0);
  assert.equal(summarise(slowStart, { within: 500, from: 'firstRequest' }).requests, 1);
  assert.equal(summarise(slowStart, { within: 600, from: 'firstRequest' }).requests, 2);
});

test('a claim anchored to a request that never came is judged at the end of the run', () => {
  const noRequests = [sample(100, 1, 0), sample(900, 0, 0)];
  assert.equal(summarise(noRequests, { within: 100, from: 'lastRequest' }).finalOpen, 0);
});

test('checkClaim judges at the claim’s own moment', () => {
  const claim = { run: 'starter', says: 'closed by the idle timeout', within: 6_500, from: 'lastRequest' as const, expect: { finalOpen: { equals: 0 } } };
  assert.deepEqual(checkClaim(claim, slowStart), []);
  assert.deepEqual(checkClaim({ ...claim, from: 'run' }, slowStart), [{ metric: 'finalOpen', expected: 'exactly 0', measured: 1 }]);
});

test('moments in words', () => {
  assert.equal(describeMoment({}), undefined);
  assert.equal(describeMoment({ within: 4_000 }), 'within 4 s of pressing Run');
  assert.equal(describeMoment({ within: 3_000, from: 'firstRequest' }), 'within 3 s of the server’s first request');
  assert.equal(describeMoment({ within: 2_500, from: 'lastRequest' }), 'within 2.5 s of the server’s last request');
});

test('a claim with from but no within, or an anchor the lab does not know, is refused with the rule', () => {
  const base = { run: 'starter', says: 'closed by the idle timeout', expect: { finalOpen: { equals: 0 } } };
  const noWithin = claimSchema.safeParse({ ...base, from: 'lastRequest' });
  assert.equal(noWithin.success, false);
  assert.match(noWithin.error?.issues.map((issue) => issue.message).join('\n') ?? '', /from needs within/);
  const unknown = claimSchema.safeParse({ ...base, within: 1000, from: 'lastResponse' });
  assert.equal(unknown.success, false);
  assert.deepEqual(unknown.error?.issues.map((issue) => issue.path.join('.')), ['from']);
  assert.equal(claimSchema.safeParse({ ...base, within: 1000, from: 'lastRequest' }).success, true);
});

describe('a claim about some Node lines only', () => {
  const base = { run: 'starter', says: 'Something measured on some lines.', expect: { accepted: { equals: 1 } } };
  test('names supported lines, each once, and not all of them', () => {
    assert.equal(claimSchema.safeParse({ ...base, nodes: ['24'] }).success, true);
    assert.equal(claimSchema.safeParse({ ...base, nodes: ['22', '26'] }).success, true);
    for (const nodes of [['20'], ['24', '24'], ['22', '24', '26'], []]) {
      assert.equal(claimSchema.safeParse({ ...base, nodes }).success, false, JSON.stringify(nodes));
    }
  });

  test('is checked, recorded and shown on its lines only', () => {
    assert.equal(claimAppliesOn({}, '22'), true);
    assert.equal(claimAppliesOn({ nodes: ['24'] }, '24'), true);
    assert.equal(claimAppliesOn({ nodes: ['24'] }, PINNED_NODE_LINE), false);
    assert.equal(describeNodeLines(['26', '22']), 'Node 22 and 26');
    assert.equal(describeNodeLines(NODE_LINES), 'Node 22, 24 and 26');
  });
});

test('5xx responses are counted from the client process’s samples, up to the moment judged; the server’s client counts are not read', () => {
  const clientSample = (at: number, errorResponses: number): RunEvent => ({
    type: 'meter',
    process: 'client',
    at,
    counts: { server: { open: 0, accepted: 0, requests: 0 }, client: { open: 1, opened: 1, requests: 2, errorResponses } },
  });
  const serverWithClientCounts: RunEvent = {
    type: 'meter',
    process: 'server',
    at: 4_000,
    counts: { server: { open: 1, accepted: 1, requests: 2 }, client: { open: 0, opened: 0, requests: 0, errorResponses: 9 } },
  };
  const run = [...slowStart, clientSample(2_200, 0), clientSample(3_000, 1), serverWithClientCounts, clientSample(5_000, 2)];
  assert.equal(summarise(run).errorResponses, 2);
  assert.equal(summarise(run, { within: 4_000 }).errorResponses, 1);
  assert.equal(summarise(slowStart).errorResponses, 0, 'a run whose client never sent counts has none');
  const claim = claimSchema.parse({ run: 'starter', says: 'The users got two 502s from the proxy in front.', expect: { errorResponses: { equals: 2 } } });
  assert.deepEqual(checkClaim(claim, run), []);
  assert.deepEqual(checkClaim(claim, slowStart), [{ metric: 'errorResponses', expected: 'exactly 2', measured: 0 }]);
});
