// The learner's files apart from the page (src/client/workspace/lesson-files.ts): edits saved a moment after
// the last change and only where they differ from the starter, one Undo of a wholesale replace,
// and shared code shown without saving over the learner's own.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { LessonFiles } from '../../../src/client/workspace/lesson-files.ts';
import { FakeLocalStorage } from '../../fakes/fake-local-storage.ts';

const KEY = 'keep-alive-lab:edits:the-leak';
const STARTER = [
  { name: 'server.js', content: 'server()' },
  { name: 'client.js', content: 'client()' },
];
const saved = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
let storage: FakeLocalStorage;

function stored(): Record<string, string> | undefined {
  const text = storage.items[KEY];
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, string>);
}

beforeEach(() => {
  storage = new FakeLocalStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  mock.timers.enable({ apis: ['setTimeout'] });
});

afterEach(() => {
  mock.timers.reset();
  if (saved) Object.defineProperty(globalThis, 'localStorage', saved);
  else delete (globalThis as { localStorage?: Storage }).localStorage;
});

test('edits from an earlier visit come back, file by file', () => {
  storage.setItem(KEY, JSON.stringify({ 'client.js': 'mine()' }));
  const files = new LessonFiles('the-leak', STARTER);
  assert.equal(files.restored, true);
  assert.deepEqual(files.all(), [STARTER[0], { name: 'client.js', content: 'mine()' }]);
  assert.equal(files.edited(), true);
  assert.equal(new LessonFiles('other', STARTER).restored, false);
});

test('a change is saved 300 ms after the last one, and only the files that differ from the starter', () => {
  const files = new LessonFiles('the-leak', STARTER);
  files.change('client.js', 'client(1)');
  mock.timers.tick(200);
  files.change('client.js', 'client(12)');
  mock.timers.tick(299);
  assert.equal(stored(), undefined, 'not yet: typing goes on');
  mock.timers.tick(1);
  assert.deepEqual(stored(), { 'client.js': 'client(12)' });
  files.change('client.js', 'client()');
  files.saveNow();
  assert.equal(stored(), undefined, 'back to the starter: nothing is kept');
});

test('Reset, then Undo, brings the edits back; typing after Reset ends the Undo', () => {
  const files = new LessonFiles('the-leak', STARTER);
  files.change('client.js', 'mine()');
  files.replace(files.starter());
  assert.equal(files.edited(), false);
  assert.equal(stored(), undefined);
  assert.deepEqual(files.undo(), new Map([['server.js', 'server()'], ['client.js', 'mine()']]));
  assert.equal(files.get('client.js'), 'mine()');
  assert.deepEqual(stored(), { 'client.js': 'mine()' });
  assert.equal(files.undo(), undefined, 'one Undo only');

  files.replace(files.starter());
  files.change('server.js', 'typed()');
  assert.equal(files.undo(), undefined);
  assert.equal(files.get('client.js'), 'client()');
});

test('shared code is shown without saving over the learner’s own; they can go back, or keep it', () => {
  storage.setItem(KEY, JSON.stringify({ 'client.js': 'mine()' }));
  const files = new LessonFiles('the-leak', STARTER);
  const shown = files.showShared({ 'client.js': 'shared()' });
  assert.equal(shown.get('client.js'), 'shared()');
  assert.equal(files.showingShared, true);
  files.change('client.js', 'shared(edited)');
  mock.timers.tick(1_000);
  assert.deepEqual(stored(), { 'client.js': 'mine()' }, 'the learner’s saved code is untouched');

  assert.equal(files.leaveShared(false)?.get('client.js'), 'mine()');
  assert.equal(files.get('client.js'), 'mine()');
  assert.equal(files.showingShared, false);

  files.showShared({ 'client.js': 'shared()' });
  assert.equal(files.leaveShared(true), undefined);
  assert.deepEqual(stored(), { 'client.js': 'shared()' }, 'kept: the shared code is theirs now');
});

test('a file the lesson does not have is not shown from a share link', () => {
  const files = new LessonFiles('the-leak', STARTER);
  const shown = files.showShared({ 'evil.js': 'x', 'server.js': 'shared()' });
  assert.deepEqual([...shown.keys()].sort(), ['client.js', 'server.js']);
  assert.equal(files.get('evil.js'), undefined);
});
