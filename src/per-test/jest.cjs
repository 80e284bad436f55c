// Per-test mode for Jest: `setupFilesAfterEnv: ['keep-alive-lab/jest']` in the Jest config. Each
// test that leaves a response unfinished fails, by name, with the request's method, URL, status,
// size and line.
//
// Jest runs each test file in a sandbox with its own `require`, which cannot load ES modules, and
// a fresh `process` object per file. node:vm is Node's own, though, and its main context has the
// real `process`: through it, Node's own require loads the tracker (an ES module, which Node
// requires natively since 20.19 and 22.12), once per process, outside every sandbox.
'use strict';
const realProcess = require('node:vm').runInThisContext('process');
const nodeRequire = realProcess.getBuiltinModule('node:module').createRequire(__filename);
const { perTestTracker } = nodeRequire('./tracker.js');

const tracker = perTestTracker();
let tag;

beforeEach(() => {
  const state = expect.getState();
  tag = { name: state.currentTestName ?? '', file: state.testPath };
  tracker.begin(tag);
});

afterEach(async () => {
  const ended = tag;
  tag = undefined;
  if (!ended) return;
  const error = await tracker.end(ended);
  if (error) throw error;
});
