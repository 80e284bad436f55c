// @ts-check
// Per-test mode for node:test: `node --test --import keep-alive-lab/test`. Each test that leaves a
// response unfinished fails, by name, with the request's method, URL, status, size and line.
// `node --test` passes --import on to the process that runs each test file; in the process that
// only starts them there are no tests, so nothing is registered there.
import { afterEach, beforeEach } from 'node:test';
import { perTestTracker } from './tracker.js';

const orchestrating = process.execArgv.includes('--test') && !process.env.NODE_TEST_CONTEXT && !process.execArgv.some((arg) => /^--(experimental-)?test-isolation=none$/.test(arg));

if (!orchestrating) {
  const tracker = perTestTracker();
  /** @type {WeakMap<object, import('./tracker.js').TestTag>} */
  const tags = new WeakMap();
  beforeEach((/** @type {any} */ context) => {
    // fullName and filePath arrived in Node 22; Node 20 has the name, and runs one file per process.
    const tag = { name: context.fullName ?? context.name, file: context.filePath ?? process.argv[1] };
    tags.set(context, tag);
    tracker.begin(tag);
  });
  afterEach(async (context) => {
    const tag = tags.get(context);
    if (!tag) return;
    const error = await tracker.end(tag);
    if (error) throw error;
  });
}
