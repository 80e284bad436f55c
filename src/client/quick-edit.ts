// Typing before Monaco has loaded: a file's static code takes keystrokes the moment it is
// clicked, so no learner waits for the editor's 2 MB to start typing. Every edit is applied to
// the text here and the code drawn again from it, a line per `.line` (so line numbers stay
// right), lines the learner has not touched keeping the build's highlighting. Monaco then takes
// over the text, the caret and the selection (code-tabs.ts). It is a plain surface on purpose:
// no completion, no auto-closing brackets; Enter keeps the line's indentation and Ctrl+Enter
// runs, as in the editor. Tab is left to move focus: nothing here may trap the keyboard.
import { renderCode, selectionIn } from './static-code.ts';

/** Offsets into the text, as a caret or selection: `anchor` where it started, `focus` where it is. */
export interface TextSelection {
  anchor: number;
  focus: number;
}

/** One edit as the browser asked for it (its `beforeinput`), and where the caret was then. */
export interface TextInput {
  type: string;
  /** The text it inserts, if any. */
  data: string | null;
  selection: TextSelection;
}

interface Snapshot {
  text: string;
  selection: TextSelection;
}

const RUN_SHORTCUT = 'run-shortcut';
/** Keys typed within this time of each other are undone together, as in an editor. */
const UNDO_GROUP_MS = 1_000;
/**
 * A pause in typing long enough to make the first editor in (see `pause`): longer than the
 * harness's key after a click (about 30 ms) and short enough that, with the editor fetched ahead,
 * it still has the keys within 300 ms of the click.
 */
const TYPING_PAUSE_MS = 150;

export class QuickEdit {
  readonly #code: HTMLElement;
  readonly #highlighted: Map<string, string>;
  readonly #onChange: (text: string) => void;
  #text: string;
  /** The text when this surface last took a whole new text: Monaco starts from it (see `base`). */
  #base: string;
  readonly #undo: Snapshot[] = [];
  readonly #redo: Snapshot[] = [];
  #lastTypedAt = 0;
  #lastInputAt = 0;
  #composing = false;

  /**
   * Takes over typing in `code`, made editable by static-code.ts, which showed `text` in it. The
   * browser may have typed into it while this module loaded: that is read back at once.
   */
  constructor(code: HTMLElement, text: string, highlighted: Map<string, string>, onChange: (text: string) => void) {
    this.#code = code;
    this.#highlighted = highlighted;
    this.#onChange = onChange;
    this.#text = text;
    this.#base = text;
    code.addEventListener('beforeinput', (event) => this.#beforeInput(event));
    // What the browser edited itself (an input it would not let be cancelled) is read back.
    code.addEventListener('input', () => {
      if (!this.#composing && code.textContent !== this.#text) this.#readBack();
    });
    code.addEventListener('compositionstart', () => (this.#composing = true));
    code.addEventListener('compositionend', () => {
      this.#composing = false;
      this.#readBack();
    });
    // Dragging code about is left to the editor: here a drop would land at the caret, not the pointer.
    for (const type of ['dragstart', 'drop'] as const) code.addEventListener(type, (event) => event.preventDefault());
    code.addEventListener('keydown', (event) => this.#onKey(event));
    this.#readBack();
  }

  /** The text Monaco starts from, so that its undo steps back over what was typed here. */
  get base(): string {
    return this.#base;
  }

  /**
   * Resolves once nothing has been typed for a moment, counting from `since` at the earliest, and
   * no input method is mid-word. Making the first editor holds the page for 0.1 to 0.2 s on a
   * slow machine (Monaco sets itself up), and its code running cold for longer: done in a pause,
   * they keep no keystroke waiting.
   */
  pause(since: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const wait = Math.max(since, this.#lastInputAt) + TYPING_PAUSE_MS - performance.now();
        if (wait <= 0 && !this.#composing) resolve();
        else setTimeout(check, Math.max(wait, 20));
      };
      check();
    });
  }

  /** Shows a whole new text (Reset, Solve, a share link): the history starts again from it. */
  show(text: string): void {
    this.#text = text;
    this.#base = text;
    this.#undo.length = 0;
    this.#redo.length = 0;
    renderCode(this.#code, text, this.#highlighted);
  }

  /** The caret or selection as offsets into the text, if it is in this code. */
  selection(): TextSelection | undefined {
    return selectionIn(this.#code);
  }

  #beforeInput(event: InputEvent) {
    // Composition (IME, and most typing on Android) cannot be cancelled: the browser edits the
    // DOM, and compositionend reads the text back (#readBack). Android's keyboards send some
    // other inputs that cannot be cancelled either: the input event reads those back.
    if (event.inputType.includes('Composition') || !event.cancelable) return;
    event.preventDefault();
    const selection = this.selection();
    if (selection) this.input({ type: event.inputType, data: event.data ?? event.dataTransfer?.getData('text/plain') ?? null, selection });
  }

  /** Applies one input: typing, a line break, a deletion, a paste, undo or redo. */
  input({ type, data, selection }: TextInput): void {
    if (type === 'historyUndo') return this.#step(this.#undo, this.#redo);
    if (type === 'historyRedo') return this.#step(this.#redo, this.#undo);
    // Chromium gives no target ranges for plain-text editing: the range is worked out here.
    const { anchor, focus } = selection;
    const [start, end] = anchor === focus ? deletedAround(this.#text, anchor, type) : [Math.min(anchor, focus), Math.max(anchor, focus)];
    const inserted = this.#insertedBy(type, data, start);
    if (inserted === undefined || (inserted === '' && start === end)) return;
    const typing = type === 'insertText' && performance.now() - this.#lastTypedAt < UNDO_GROUP_MS;
    this.#lastTypedAt = type === 'insertText' ? performance.now() : 0;
    if (!typing) this.#undo.push({ text: this.#text, selection });
    this.#redo.length = 0;
    const caret = start + inserted.length;
    this.#apply(this.#text.slice(0, start) + inserted + this.#text.slice(end), { anchor: caret, focus: caret });
  }

  #onKey(event: KeyboardEvent) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'enter') {
      event.preventDefault();
      this.#code.dispatchEvent(new CustomEvent(RUN_SHORTCUT, { bubbles: true }));
    } else if (key === 'z' || key === 'y') {
      // The browser's own undo knows nothing of edits made here, so it is done here too.
      event.preventDefault();
      if (key === 'y' || event.shiftKey) this.#step(this.#redo, this.#undo);
      else this.#step(this.#undo, this.#redo);
    }
  }

  /** What an input puts in place of its range; undefined for inputs a plain-text code ignores. */
  #insertedBy(type: string, data: string | null, start: number): string | undefined {
    if (type === 'insertParagraph' || type === 'insertLineBreak') {
      const lineStart = this.#text.lastIndexOf('\n', start - 1) + 1;
      return '\n' + (/^[ \t]*/.exec(this.#text.slice(lineStart, start))?.[0] ?? '');
    }
    if (type.startsWith('insert')) return (data ?? '').replace(/\r\n?/g, '\n');
    if (type.startsWith('delete')) return '';
    return undefined;
  }

  #step(from: Snapshot[], to: Snapshot[]) {
    const snapshot = from.pop();
    if (!snapshot) return;
    to.push({ text: this.#text, selection: this.selection() ?? snapshot.selection });
    this.#lastTypedAt = 0;
    this.#apply(snapshot.text, snapshot.selection);
  }

  #readBack() {
    if (this.#code.textContent === this.#text) return;
    const selection = this.selection();
    this.#undo.push({ text: this.#text, selection: selection ?? { anchor: 0, focus: 0 } });
    this.#apply(this.#code.textContent ?? '', selection ?? { anchor: 0, focus: 0 });
  }

  #apply(text: string, selection: TextSelection) {
    this.#lastInputAt = performance.now();
    const changed = text !== this.#text;
    this.#text = text;
    renderCode(this.#code, text, this.#highlighted);
    this.#select(selection);
    if (changed) this.#onChange(text);
  }

  #select({ anchor, focus }: TextSelection) {
    const start = this.#positionOf(anchor);
    const end = this.#positionOf(focus);
    this.#code.ownerDocument.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
  }

  /** The DOM position of a text offset: inside its line's element, so the caret shows on that line. */
  #positionOf(offset: number): { node: Node; offset: number } {
    const lineIndex = this.#text.slice(0, offset).split('\n').length - 1;
    let column = offset - (this.#text.lastIndexOf('\n', offset - 1) + 1);
    const line = this.#code.querySelectorAll(':scope > .line')[lineIndex] ?? this.#code;
    const walker = this.#code.ownerDocument.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = (node as Text).length;
      if (column <= length) return { node, offset: column };
      column -= length;
    }
    return { node: line, offset: line.childNodes.length };
  }
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
