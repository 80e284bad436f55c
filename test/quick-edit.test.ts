// What a deletion removes when the caret is collapsed in the code before Monaco (Chromium gives
// no target ranges for plain-text editing, so quick-edit.ts works them out), and where a clicked
// line starts, for the editor's caret where the code cannot be edited in place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineStart } from '../src/client/editor/handoff.ts';
import { deletedAround } from '../src/client/quick-edit.ts';

const text = 'const a = 1;\n  foo(bar, baz);\n\n😀x';

describe('deletedAround', () => {
  it('takes one character back or forward, and joins lines at a line end', () => {
    assert.deepEqual(deletedAround(text, 5, 'deleteContentBackward'), [4, 5]);
    assert.deepEqual(deletedAround(text, 5, 'deleteContentForward'), [5, 6]);
    assert.deepEqual(deletedAround(text, 13, 'deleteContentBackward'), [12, 13]);
    assert.deepEqual(deletedAround(text, 12, 'deleteContentForward'), [12, 13]);
  });

  it('never splits a surrogate pair', () => {
    const emoji = text.indexOf('😀');
    assert.deepEqual(deletedAround(text, emoji + 2, 'deleteContentBackward'), [emoji, emoji + 2]);
    assert.deepEqual(deletedAround(text, emoji, 'deleteContentForward'), [emoji, emoji + 2]);
  });

  it('takes a word, with the spaces before the caret, and stops at the line start', () => {
    const afterBar = text.indexOf('bar') + 3;
    assert.deepEqual(deletedAround(text, afterBar, 'deleteWordBackward'), [afterBar - 3, afterBar]);
    const afterComma = afterBar + 2;
    assert.deepEqual(deletedAround(text, afterComma, 'deleteWordBackward'), [afterBar, afterComma]);
    assert.deepEqual(deletedAround(text, 15, 'deleteWordBackward'), [13, 15]);
    assert.deepEqual(deletedAround(text, 13, 'deleteWordBackward'), [12, 13]);
    assert.deepEqual(deletedAround(text, 0, 'deleteWordForward'), [0, 5]);
    assert.deepEqual(deletedAround(text, 5, 'deleteWordForward'), [5, 7]);
  });

  it('takes to the start or end of the line, or the line break when already there', () => {
    const foo = text.indexOf('foo');
    assert.deepEqual(deletedAround(text, foo + 3, 'deleteSoftLineBackward'), [13, foo + 3]);
    assert.deepEqual(deletedAround(text, foo, 'deleteHardLineForward'), [foo, text.indexOf(';', foo) + 1]);
    assert.deepEqual(deletedAround(text, 13, 'deleteSoftLineBackward'), [12, 13]);
  });

  it('removes nothing for an input it does not know', () => {
    assert.deepEqual(deletedAround(text, 3, 'deleteByCut'), [3, 3]);
  });
});

describe('lineStart', () => {
  it('is the offset after the line break before the line', () => {
    assert.equal(lineStart(text, 1), 0);
    assert.equal(lineStart(text, 2), 13);
    assert.equal(lineStart(text, 3), text.indexOf('\n\n') + 1);
    assert.equal(lineStart(text, 99), text.length);
  });
});
