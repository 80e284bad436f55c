// Typing before Monaco has loaded: a file's static code takes keystrokes the moment it is
// clicked, so no learner waits for the editor's 2 MB to start typing. Every edit is applied to
// the text (text-edits.ts, which also keeps the history) and the code drawn again from it, a line per `.line` (so line numbers stay
// right), lines the learner has not touched keeping the build's highlighting. Monaco then takes
// over the text, the caret and the selection (workspace/editor-swap.ts). It is a plain surface on purpose:
// no completion, no auto-closing brackets; Enter keeps the line's indentation and Ctrl+Enter
// runs, as in the editor. Tab is left to move focus: nothing here may trap the keyboard.
import { RUN_SHORTCUT_EVENT, type RunShortcut } from '../shared/lab-events.ts';
import { renderCode, selectionIn, textInputFrom, type TextInput, type TextSelection } from './code-text.ts';
import { TextEdits, type TextState } from './text-edits.ts';

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
  readonly #edits: TextEdits;
  /** The text drawn last, so that an edit that leaves it as it was (a selection typed over with itself) is no change. */
  #shown: string;
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
    this.#edits = new TextEdits(text);
    this.#shown = text;
    code.addEventListener('beforeinput', (event) => this.#beforeInput(event));
    // What the browser edited itself (an input it would not let be cancelled) is read back.
    code.addEventListener('input', () => {
      if (!this.#composing && code.textContent !== this.#edits.text) this.#readBack();
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
    return this.#edits.base;
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
    this.#edits.show(text);
    this.#shown = text;
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
    if (selection) this.input(textInputFrom(event, selection));
  }

  /** Applies one input: typing, a line break, a deletion, a paste, undo or redo. */
  input(input: TextInput): void {
    this.#show(this.#edits.input(input, performance.now()));
  }

  #onKey(event: KeyboardEvent) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'enter') {
      event.preventDefault();
      this.#code.dispatchEvent(new CustomEvent<RunShortcut>(RUN_SHORTCUT_EVENT, { bubbles: true, detail: { check: event.shiftKey } }));
    } else if (key === 'z' || key === 'y') {
      // The browser's own undo knows nothing of edits made here, so it is done here too.
      event.preventDefault();
      const redo = key === 'y' || event.shiftKey;
      this.#show(redo ? this.#edits.redo(this.selection()) : this.#edits.undo(this.selection()));
    }
  }

  #readBack() {
    this.#show(this.#edits.readBack(this.#code.textContent ?? '', this.selection() ?? { anchor: 0, focus: 0 }));
  }

  /** Draws what an edit made of the text and puts the caret where it goes; tells only of a text that changed. */
  #show(state: TextState | undefined) {
    if (!state) return;
    this.#lastInputAt = performance.now();
    const changed = state.text !== this.#shown;
    this.#shown = state.text;
    renderCode(this.#code, state.text, this.#highlighted);
    this.#select(state.selection);
    if (changed) this.#onChange(state.text);
  }

  #select({ anchor, focus }: TextSelection) {
    const start = this.#positionOf(anchor);
    const end = this.#positionOf(focus);
    this.#code.ownerDocument.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
  }

  /** The DOM position of a text offset: inside its line's element, so the caret shows on that line. */
  #positionOf(offset: number): { node: Node; offset: number } {
    const text = this.#edits.text;
    const lineIndex = text.slice(0, offset).split('\n').length - 1;
    let column = offset - (text.lastIndexOf('\n', offset - 1) + 1);
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
