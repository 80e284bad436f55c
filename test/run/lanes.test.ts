// Connection lanes from real runs: the meter reports every connection's open, requests and
// close, and the lanes show the shapes the lessons describe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lanesOf, rows, type Lane } from '../../src/run/lanes.ts';
import { lessonsOnDisk, runVariant } from '../helpers/lessons.ts';

const lesson = lessonsOnDisk().find((candidate) => candidate.id.endsWith('draining-vs-destroying'));

test('destroy() is a staircase of short one-request lanes; draining is one long busy lane', async () => {
  assert.ok(lesson);
  const destroyed = lanesOf((await runVariant(lesson, 'starter')).events);
  assert.equal(destroyed.length, 200);
  assert.ok(destroyed.every((lane) => lane.requests.length === 1 && lane.closedAt !== undefined));
  // A staircase: each connection opens after the previous one.
  assert.ok(destroyed.every((lane, index) => index === 0 || lane.openedAt >= destroyed[index - 1]!.openedAt));

  const drained = lanesOf((await runVariant(lesson, 'solution')).events);
  assert.equal(drained.length, 1);
  assert.equal(drained[0]?.requests.length, 200);
  const [first, last] = [drained[0]!.requests[0]!, drained[0]!.requests.at(-1)!];
  assert.ok(first >= drained[0]!.openedAt && last <= (drained[0]!.closedAt ?? Infinity), 'requests fall inside the lane');
});

test('past the row limit, lanes are grouped and keep every request', () => {
  const lanes: Lane[] = Array.from({ length: 500 }, (_, index) => ({ id: index + 1, openedAt: index, closedAt: index + 5, requests: [index + 1] }));
  const grouped = rows(lanes, 100);
  assert.equal(grouped.length, 100);
  assert.equal(grouped[0]?.lanes, 5);
  assert.deepEqual([grouped[0]?.openedAt, grouped[0]?.closedAt], [0, 9]);
  assert.equal(grouped.reduce((sum, row) => sum + row.requests.length, 0), 500);
  assert.equal(rows([{ id: 1, openedAt: 0, requests: [] }], 10)[0]?.closedAt, undefined, 'an open lane stays open');
});
