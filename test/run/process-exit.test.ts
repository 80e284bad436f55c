// How a lesson process ended, in the words the run's failures and the output panel share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeExit } from '../../src/run/process-exit.ts';

test('a process that exited by itself names its exit code, 0 included', () => {
  assert.equal(describeExit({ code: 1, signal: null, stoppedByLab: false }), 'exited with code 1');
  assert.equal(describeExit({ code: 0, signal: null, stoppedByLab: false }), 'exited with code 0');
});

test('a process killed by a signal, not by the lab, names the signal', () => {
  assert.equal(describeExit({ code: null, signal: 'SIGKILL', stoppedByLab: false }), 'was ended by signal SIGKILL');
});

test('a process the lab ended says so, whatever its code or signal', () => {
  assert.equal(describeExit({ code: null, signal: 'SIGTERM', stoppedByLab: true }), 'was stopped by the lab');
  assert.equal(describeExit({ code: 143, signal: null, stoppedByLab: true }), 'was stopped by the lab');
});
