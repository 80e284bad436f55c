// When the editor may be fetched ahead of a click (src/client/editor/edit-intent.ts). What each
// signal does in a browser is tested end to end in e2e/editor-ahead.spec.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionSpeed } from '../../../src/client/editor/edit-intent.ts';

test('a 4g connection without Save-Data is fast', () => {
  assert.equal(connectionSpeed({ effectiveType: '4g', saveData: false }, false), 'fast');
  assert.equal(connectionSpeed({ effectiveType: '4g' }, false), 'fast');
});

test('anything slower than 4g is slow', () => {
  for (const effectiveType of ['3g', '2g', 'slow-2g']) assert.equal(connectionSpeed({ effectiveType }, false), 'slow', effectiveType);
});

test('Save-Data, or prefers-reduced-data, makes any connection slow', () => {
  assert.equal(connectionSpeed({ effectiveType: '4g', saveData: true }, false), 'slow');
  assert.equal(connectionSpeed({ effectiveType: '4g' }, true), 'slow');
  assert.equal(connectionSpeed(undefined, true), 'slow');
});

test('a browser without the Network Information API gives no answer', () => {
  assert.equal(connectionSpeed(undefined, false), 'unknown');
  assert.equal(connectionSpeed({}, false), 'unknown');
});
