// A file's static code (the build's highlighted HTML), drawn again from a text: the learner's
// version before the editor loads. Where the browser can, it is editable from the start; what
// handles the typing (quick-edit.ts) loads the moment the code takes focus, and adopts anything
// the browser typed in before it arrived.
import { highlightedLines, renderCode, selectionIn, textInputFrom, type TextInput, type TextSelection } from './code-text.ts';
import type { QuickEdit } from './quick-edit.ts';

export class StaticCode {
  readonly #code: HTMLElement;
  /** Whether keys typed into the code land there (else they are held for the editor): fixed at the start. */
  readonly editable: boolean;
  readonly #highlighted: Map<string, string>;
  readonly #onChange: (text: string) => void;
  #text: string;
  #editing?: Promise<QuickEdit | undefined>;
  #quick?: QuickEdit;
  /** Inputs made before quick-edit.ts arrived (a few milliseconds, or a round trip), in order. */
  readonly #early: TextInput[] = [];
  /** quick-edit.ts could not load: the browser's own plain-text editing it is. */
  #browserEdits = false;

  constructor(code: HTMLElement, text: string, fileName: string, onChange: (text: string) => void) {
    this.#code = code;
    this.#highlighted = highlightedLines(code);
    this.#onChange = onChange;
    this.#text = text;
    renderCode(code, text, this.#highlighted);
    this.editable = canEditInPlace();
    if (!this.editable) return;
    code.contentEditable = 'plaintext-only';
    code.spellcheck = false;
    code.translate = false;
    code.setAttribute('role', 'textbox');
    code.setAttribute('aria-multiline', 'true');
    code.setAttribute('aria-label', `${fileName} code`);
    code.setAttribute('autocapitalize', 'off');
    code.setAttribute('autocorrect', 'off');
    // The code is the one stop for the keyboard now, not the scrolling <pre> around it as well.
    code.closest('pre')?.removeAttribute('tabindex');
    for (const type of ['pointerdown', 'focusin']) code.addEventListener(type, () => void this.editing(), { once: true });
    // Until then, inputs are held, with where the caret was, and applied the moment it arrives:
    // the browser's own editing would put lines inside lines and lose the indentation.
    code.addEventListener('beforeinput', (event) => {
      if (this.#quick || this.#browserEdits || !event.cancelable || event.inputType.includes('Composition')) return;
      const selection = selectionIn(code);
      if (!selection) return;
      event.preventDefault();
      this.#early.push(textInputFrom(event, selection));
    });
  }

  /** Shows a whole new text (Reset, Solve, a share link). */
  show(text: string): void {
    this.#text = text;
    if (this.#quick) this.#quick.show(text);
    else renderCode(this.#code, text, this.#highlighted);
  }

  /** What handles typing in the code, loaded on first use; undefined where the code is not editable. */
  editing(): Promise<QuickEdit | undefined> {
    if (!this.editable) return Promise.resolve(undefined);
    const changed = (text: string) => {
      this.#text = text;
      this.#onChange(text);
    };
    this.#editing ??= import('./quick-edit.ts').then(
      ({ QuickEdit }) => {
        this.#quick = new QuickEdit(this.#code, this.#text, this.#highlighted, changed);
        // The caret did not move as held keys were typed: where one input's caret is the last
        // one's, it goes on from where the last input left it (an arrow key in between moved it).
        let held: TextSelection | undefined;
        for (const input of this.#early.splice(0)) {
          const movedSince = !held || held.anchor !== input.selection.anchor || held.focus !== input.selection.focus;
          held = input.selection;
          this.#quick.input(movedSince ? input : { ...input, selection: this.#quick.selection() ?? input.selection });
        }
        return this.#quick;
      },
      () => {
        // Offline for a moment: the browser's own plain-text editing, and its text, are kept.
        this.#browserEdits = true;
        this.#code.addEventListener('input', () => changed(this.#code.innerText));
        return undefined;
      },
    );
    return this.#editing;
  }
}

let inPlace: boolean | undefined;

/** Whether this browser edits plain text in place (every engine since 2025; Firefox from 136). */
function canEditInPlace(): boolean {
  if (inPlace !== undefined) return inPlace;
  const probe = document.createElement('div');
  try {
    probe.contentEditable = 'plaintext-only';
  } catch {
    return (inPlace = false);
  }
  return (inPlace = probe.contentEditable === 'plaintext-only');
}
