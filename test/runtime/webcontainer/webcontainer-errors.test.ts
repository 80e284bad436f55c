// The WebContainer adapter's two errors: told apart by type, each with words that say what to do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BootTimeoutError, ContainerStartError } from '../../../src/runtime/webcontainer/webcontainer-runtime.ts';

const RUN_ELSEWHERE =
  'Or run the lab on your machine (clone it, then `npm install && npm start`), or choose the local runner if it serves this page.';

test('a boot timeout is a BootTimeoutError that names its seconds and what to do', () => {
  const error = new BootTimeoutError(20);
  // The runtime tells its errors apart with instanceof: the object must be of this very class.
  assert.ok(error instanceof BootTimeoutError, 'the runtime catches it with instanceof BootTimeoutError');
  assert.equal(error.constructor, BootTimeoutError, 'of this very class');
  assert.ok(error instanceof Error, 'an Error, so it carries a stack and reads as one');
  assert.equal(error.name, 'BootTimeoutError');
  assert.equal(error.seconds, 20);
  assert.equal(
    error.message,
    'Node did not start in this browser within 20 s. WebContainer loads its runtime from stackblitz.com, ' +
      'so the network may be slow, you may be offline, or an ad blocker or strict cookie or tracking settings may block it. ' +
      `The lab keeps waiting, and says Ready if it starts. ${RUN_ELSEWHERE}`,
  );
});

test('a failed start is a ContainerStartError that keeps its cause and asks for a reload', () => {
  const cause = new Error('Unable to create more instances');
  const error = new ContainerStartError(cause);
  assert.ok(error instanceof ContainerStartError, 'the runtime catches it with instanceof ContainerStartError');
  assert.equal(error.constructor, ContainerStartError, 'of this very class');
  assert.ok(error instanceof Error, 'an Error, so it carries a stack and reads as one');
  assert.equal(error.name, 'ContainerStartError');
  assert.equal(error.cause, cause);
  assert.equal(error.message, `WebContainer could not start: Unable to create more instances. Reload the page to try again. ${RUN_ELSEWHERE}`);
});

test('a failed start whose cause is not an Error still says what it was', () => {
  assert.equal(
    new ContainerStartError('no SharedArrayBuffer').message,
    `WebContainer could not start: no SharedArrayBuffer. Reload the page to try again. ${RUN_ELSEWHERE}`,
  );
});
