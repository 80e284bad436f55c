// The note that a learner has used the editor (local-store.ts), which lets the next lesson start
// Monaco ahead of the click: it lasts 30 days, and blocked storage means no head start, not an error.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { editorUsedRecently, markEditorUsed } from '../../../src/client/shared/local-store.ts';
import { FakeLocalStorage } from '../../fakes/fake-local-storage.ts';

const saved = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
const DAY = 24 * 60 * 60 * 1000;

function useStorage(storage: FakeLocalStorage): FakeLocalStorage {
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  return storage;
}

afterEach(() => {
  if (saved) Object.defineProperty(globalThis, 'localStorage', saved);
  else delete (globalThis as { localStorage?: Storage }).localStorage;
});

test('a learner who never opened the editor is not taken for one who will', () => {
  useStorage(new FakeLocalStorage());
  assert.equal(editorUsedRecently(), false);
});

test('the editor opened today, or 29 days ago, counts; 30 days ago it no longer does', () => {
  const storage = useStorage(new FakeLocalStorage());
  const now = Date.UTC(2026, 11, 3);
  markEditorUsed(now);
  assert.deepEqual(Object.keys(storage.items), ['keep-alive-lab:editor-used']);
  assert.equal(editorUsedRecently(now), true);
  assert.equal(editorUsedRecently(now + 29 * DAY), true);
  assert.equal(editorUsedRecently(now + 30 * DAY), false);
});

test('a stored value that is not a time counts as never', () => {
  useStorage(new FakeLocalStorage({ items: { 'keep-alive-lab:editor-used': '"yesterday"' } }));
  assert.equal(editorUsedRecently(), false);
  useStorage(new FakeLocalStorage({ items: { 'keep-alive-lab:editor-used': '{not json' } }));
  assert.equal(editorUsedRecently(), false);
});

test('blocked storage: no note, no head start, no error', () => {
  useStorage(new FakeLocalStorage({ blocked: true }));
  assert.doesNotThrow(() => markEditorUsed());
  assert.equal(editorUsedRecently(), false);
});
