// The WebContainer adapter's two errors: told apart by type, each with words that say what to do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BootTimeoutError, ContainerStartError } from '../src/runtime/webcontainer/webcontainer-runtime.ts';

test('a boot timeout is a BootTimeoutError that names its seconds and what to do', () => {
  const error = new BootTimeoutError(20);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'BootTimeoutError');
  assert.equal(error.seconds, 20);
  assert.match(error.message, /^Node did not start in this browser within 20 s\..*keeps waiting.*npm install && npm start/);
  assert.ok(!(error instanceof ContainerStartError));
});

test('a failed start is a ContainerStartError that keeps its cause and asks for a reload', () => {
  const cause = new Error('Unable to create more instances');
  const error = new ContainerStartError(cause);
  assert.equal(error.name, 'ContainerStartError');
  assert.equal(error.cause, cause);
  assert.match(error.message, /^WebContainer could not start: Unable to create more instances\. Reload the page to try again\./);
  assert.ok(!(error instanceof BootTimeoutError));
});
