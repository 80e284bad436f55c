import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabAfterKey } from '../../../src/client/editor/tab-keys.ts';

test('arrows move to the next and previous tab and wrap around; Home and End go to the ends', () => {
  assert.equal(tabAfterKey('ArrowRight', 0, 2), 1);
  assert.equal(tabAfterKey('ArrowRight', 1, 2), 0);
  assert.equal(tabAfterKey('ArrowLeft', 0, 3), 2);
  assert.equal(tabAfterKey('ArrowLeft', 2, 3), 1);
  assert.equal(tabAfterKey('Home', 2, 3), 0);
  assert.equal(tabAfterKey('End', 0, 3), 2);
});

test('other keys are left alone', () => {
  for (const key of ['Enter', ' ', 'Tab', 'ArrowDown', 'a']) assert.equal(tabAfterKey(key, 1, 3), undefined, key);
});
