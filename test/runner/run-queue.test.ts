// The runner's line: first come, first served, places told as they change, and a place given up
// on Stop. Pure bookkeeping, so it is tested on its own; test/runner/lab-server-abuse.test.ts runs a room.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunQueue } from '../../src/runner/run-queue.ts';

test('runs start at once up to the limit; the rest wait in the order they came', async () => {
  const queue = new RunQueue({ maxRunning: 2 });
  const heard: Record<string, number[]> = { a: [], b: [], c: [], d: [] };
  const entries = Object.fromEntries(Object.keys(heard).map((name) => [name, queue.enter((ahead) => heard[name]!.push(ahead))!]));
  const a = await entries.a!.turn;
  const b = await entries.b!.turn;
  assert.ok(a && b);
  assert.deepEqual([queue.running, queue.waiting], [2, 2]);
  assert.deepEqual(heard, { a: [], b: [], c: [0], d: [1] });

  let started = '';
  void entries.c!.turn.then(() => (started += 'c'));
  void entries.d!.turn.then(() => (started += 'd'));
  b();
  b(); // Releasing twice frees one slot, not two.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started, 'c');
  assert.deepEqual(heard.d, [1, 0]);
  assert.deepEqual([queue.running, queue.waiting], [2, 1]);
});

test('leaving the line moves everyone behind up, and frees no slot', async () => {
  const queue = new RunQueue({ maxRunning: 1 });
  const first = queue.enter(() => undefined)!;
  const heard: number[] = [];
  const second = queue.enter(() => undefined)!;
  const third = queue.enter((ahead) => heard.push(ahead))!;
  second.leave();
  assert.equal(await second.turn, undefined);
  assert.deepEqual(heard, [1, 0]);
  assert.deepEqual([queue.running, queue.waiting], [1, 1]);
  (await first.turn)!();
  assert.ok(await third.turn);
});

test('with maxWaiting 0 it refuses instead of queueing, as the runner used to', () => {
  const queue = new RunQueue({ maxRunning: 1, maxWaiting: 0 });
  assert.ok(queue.enter(() => undefined));
  assert.equal(queue.enter(() => undefined), undefined);
  assert.throws(() => new RunQueue({ maxRunning: 0 }), /maxRunning must be a whole number of runs, 1 or more/);
});
