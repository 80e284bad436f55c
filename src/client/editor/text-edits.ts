// The text of the code before Monaco, and its history, with no DOM: what one input does to the
// text, which inputs Undo takes back together, and the text Monaco starts from. quick-edit.ts
// draws the result and moves the caret; everything that decides what the text becomes is here,
// so that it is tested as it runs (test/client/editor/text-edits.test.ts).
import type { TextInput, TextSelection } from './code-text.ts';

/** What the code shows after an edit: the text, and where the caret or selection goes. */
export interface TextState {
  text: string;
  selection: TextSelection;
}

/** Keys typed within this time of each other are undone together, as in an editor. */
export const UNDO_GROUP_MS = 1_000;

export class TextEdits {
  #text: string;
  #base: string;
  readonly #undo: TextState[] = [];
  readonly #redo: TextState[] = [];
  #lastTypedAt = Number.NEGATIVE_INFINITY;

  constructor(text: string) {
    this.#text = text;
    this.#base = text;
  }

  get text(): string {
    return this.#text;
  }

  /** The text when this surface last took a whole new text: Monaco starts from it, so that its Undo steps back over what was typed here. */
  get base(): string {
    return this.#base;
  }

  /** A whole new text (Reset, Solve, a share link): the history starts again from it. */
  show(text: string): void {
    this.#text = text;
    this.#base = text;
    this.#undo.length = 0;
    this.#redo.length = 0;
  }

  /**
   * Applies one input made at `now` (ms): typing, a line break, a deletion, a paste, undo or redo
   * (for those, the input's selection is where the caret is, kept for the way back). Undefined
   * when it changes nothing.
   */
  input({ type, data, selection }: TextInput, now: number): TextState | undefined {
    if (type === 'historyUndo') return this.undo(selection);
    if (type === 'historyRedo') return this.redo(selection);
    // Chromium gives no target ranges for plain-text editing: the range is worked out here.
    const { anchor, focus } = selection;
    const [start, end] = anchor === focus ? deletedAround(this.#text, anchor, type) : [Math.min(anchor, focus), Math.max(anchor, focus)];
    const inserted = insertedBy(this.#text, type, data, start);
    if (inserted === undefined || (inserted === '' && start === end)) return undefined;
    const typing = type === 'insertText' && now - this.#lastTypedAt < UNDO_GROUP_MS;
    this.#lastTypedAt = type === 'insertText' ? now : Number.NEGATIVE_INFINITY;
    if (!typing) this.#undo.push({ text: this.#text, selection });
    this.#redo.length = 0;
    const caret = start + inserted.length;
    this.#text = this.#text.slice(0, start) + inserted + this.#text.slice(end);
    return { text: this.#text, selection: { anchor: caret, focus: caret } };
  }

  /** Steps back one edit (or one run of typing); `current` is where the caret is, for Redo. */
  undo(current?: TextSelection): TextState | undefined {
    return this.#step(this.#undo, this.#redo, current);
  }

  redo(current?: TextSelection): TextState | undefined {
    return this.#step(this.#redo, this.#undo, current);
  }

  /** A text the browser edited itself (composition, an input it would not let be cancelled): one step for Undo. */
  readBack(text: string, selection: TextSelection): TextState | undefined {
    if (text === this.#text) return undefined;
    this.#undo.push({ text: this.#text, selection });
    this.#text = text;
    return { text, selection };
  }

  #step(from: TextState[], to: TextState[], current: TextSelection | undefined): TextState | undefined {
    const snapshot = from.pop();
    if (!snapshot) return undefined;
    to.push({ text: this.#text, selection: current ?? snapshot.selection });
    this.#lastTypedAt = Number.NEGATIVE_INFINITY;
    this.#text = snapshot.text;
    return snapshot;
  }
}

/** What an input puts in place of its range at `start`; undefined for inputs a plain-text code ignores. */
function insertedBy(text: string, type: string, data: string | null, start: number): string | undefined {
  if (type === 'insertParagraph' || type === 'insertLineBreak') {
    // Enter keeps the line's indentation, as in the editor.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    return '\n' + (/^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '');
  }
  if (type.startsWith('insert')) return (data ?? '').replace(/\r\n?/g, '\n');
  if (type.startsWith('delete')) return '';
  return undefined;
}

/**
 * The range a deletion with a collapsed caret at `at` removes: a character (both halves of a
 * surrogate pair), a word, or to the line's start or end.
 */
export function deletedAround(text: string, at: number, inputType: string): [number, number] {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline;
  switch (inputType) {
    case 'deleteContentBackward':
      return [Math.max(0, at - (isLowSurrogate(text, at - 1) ? 2 : 1)), at];
    case 'deleteContentForward':
      return [at, Math.min(text.length, at + (isLowSurrogate(text, at + 1) ? 2 : 1))];
    case 'deleteWordBackward':
      return [at === lineStart ? Math.max(0, at - 1) : lineStart + (/(\w+|[^\w\s]+)?\s*$/.exec(text.slice(lineStart, at))?.index ?? 0), at];
    case 'deleteWordForward':
      return [at, at === lineEnd ? Math.min(text.length, at + 1) : at + (/^\s*(\w+|[^\w\s]+)?/.exec(text.slice(at, lineEnd))?.[0].length ?? 0)];
    case 'deleteSoftLineBackward':
    case 'deleteHardLineBackward':
      return [at === lineStart ? Math.max(0, at - 1) : lineStart, at];
    case 'deleteSoftLineForward':
    case 'deleteHardLineForward':
      return [at, at === lineEnd ? Math.min(text.length, at + 1) : lineEnd];
    default:
      return [at, at];
  }
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}
