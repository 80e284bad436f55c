// @ts-check
// Per-test mode for vitest: `setupFiles: ['keep-alive-lab/vitest']` in vitest.config. Each test
// that leaves a response unfinished fails, by name, with the request's method, URL, status, size
// and line. Vitest stops its workers with SIGTERM or worker.terminate(), before any 'exit' a
// process-wide check could wait for: checking after each test is what works there.
import { afterEach, beforeEach } from 'vitest';
import { perTestTracker } from './tracker.js';

const tracker = perTestTracker();
/** @type {WeakMap<object, import('./tracker.js').TestTag>} */
const tags = new WeakMap();

beforeEach((context) => {
  const tag = { name: context.task.name, file: context.task.file?.filepath };
  tags.set(context.task, tag);
  tracker.begin(tag);
});

afterEach(async (context) => {
  const tag = tags.get(context.task);
  if (!tag) return;
  const error = await tracker.end(tag);
  if (error) throw error;
});
