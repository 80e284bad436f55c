// The code before Monaco as a text and its history (text-edits.ts, what quick-edit.ts draws):
// what each input makes of the text, what Undo takes back together, and the text Monaco starts
// from; what a deletion removes when the caret is collapsed (Chromium gives no target ranges for
// plain-text editing); and where a clicked line starts, for the editor's caret.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineStart } from '../../../src/client/editor/handoff.ts';
import { deletedAround, TextEdits, UNDO_GROUP_MS } from '../../../src/client/editor/text-edits.ts';

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

const at = (offset: number) => ({ anchor: offset, focus: offset });

describe('TextEdits', () => {
  it('types at the caret, and keys typed within a second of each other are undone together', () => {
    const edits = new TextEdits('ab');
    edits.input({ type: 'insertText', data: 'x', selection: at(1) }, 0);
    const typed = edits.input({ type: 'insertText', data: 'y', selection: at(2) }, UNDO_GROUP_MS - 1);
    assert.deepEqual(typed, { text: 'axyb', selection: at(3) });
    edits.input({ type: 'insertText', data: 'z', selection: at(3) }, 3 * UNDO_GROUP_MS);
    assert.equal(edits.text, 'axyzb');
    assert.equal(edits.undo()?.text, 'axyb');
    assert.equal(edits.undo()?.text, 'ab');
    assert.equal(edits.undo(), undefined);
    assert.equal(edits.redo()?.text, 'axyb');
    assert.equal(edits.text, 'axyb');
  });

  it('Enter keeps the line’s indentation; a paste’s line breaks become \\n; a selection is replaced', () => {
    const edits = new TextEdits('  foo();');
    assert.deepEqual(edits.input({ type: 'insertParagraph', data: null, selection: at(8) }, 0), { text: '  foo();\n  ', selection: at(11) });
    edits.input({ type: 'insertFromPaste', data: 'a\r\nb\rc', selection: at(11) }, 0);
    assert.equal(edits.text, '  foo();\n  a\nb\nc');
    edits.input({ type: 'insertText', data: 'bar', selection: { anchor: 5, focus: 2 } }, 0);
    assert.equal(edits.text, '  bar();\n  a\nb\nc');
  });

  it('an input that changes nothing (a deletion at the start, an unknown input) leaves no step to undo', () => {
    const edits = new TextEdits('abc');
    assert.equal(edits.input({ type: 'deleteContentBackward', data: null, selection: at(0) }, 0), undefined);
    assert.equal(edits.input({ type: 'formatBold', data: null, selection: at(1) }, 0), undefined);
    assert.equal(edits.undo(), undefined);
    assert.equal(edits.input({ type: 'deleteContentBackward', data: null, selection: at(3) }, 0)?.text, 'ab');
  });

  it('historyUndo and historyRedo inputs step through the history, and a new edit drops the redo', () => {
    const edits = new TextEdits('a');
    edits.input({ type: 'insertText', data: 'b', selection: at(1) }, 0);
    assert.equal(edits.input({ type: 'historyUndo', data: null, selection: at(2) }, 10)?.text, 'a');
    assert.equal(edits.input({ type: 'historyRedo', data: null, selection: at(1) }, 20)?.text, 'ab');
    edits.undo();
    edits.input({ type: 'insertText', data: 'c', selection: at(1) }, 5_000);
    assert.equal(edits.redo(), undefined);
    assert.equal(edits.text, 'ac');
  });

  it('a text the browser edited itself is read back as one step; the same text is no step', () => {
    const edits = new TextEdits('abc');
    assert.equal(edits.readBack('abc', at(0)), undefined);
    assert.deepEqual(edits.readBack('abXc', at(3)), { text: 'abXc', selection: at(3) });
    assert.equal(edits.undo()?.text, 'abc');
  });

  it('Monaco starts from the base, the text before any typing here, so its Undo takes that typing back; show() starts again', () => {
    const edits = new TextEdits('start');
    edits.input({ type: 'insertText', data: '!', selection: at(5) }, 0);
    assert.equal(edits.base, 'start');
    assert.equal(edits.text, 'start!');
    edits.show('solution');
    assert.equal(edits.base, 'solution');
    assert.equal(edits.undo(), undefined);
  });
});
