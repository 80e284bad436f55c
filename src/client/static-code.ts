// A file's static code (the build's highlighted HTML), drawn again from a text: the learner's
// version before the editor loads. Where the browser can, it is editable from the start; what
// handles the typing (quick-edit.ts) loads the moment the code takes focus, and adopts anything
// the browser typed in before it arrived.
import type { QuickEdit, TextInput, TextSelection } from './quick-edit.ts';

/** Each line of the build's highlighted code, by its text, so unchanged lines keep their colours. */
export function highlightedLines(code: HTMLElement): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of code.querySelectorAll(':scope > .line')) lines.set(line.textContent ?? '', line.innerHTML);
  return lines;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Draws `text` in `code`, a `.line` per line as the build does: lines the build highlighted keep
 * their colours, changed ones are plain (the colours come from the build, but it is the learner's
 * code now).
 */
export function renderCode(code: HTMLElement, text: string, highlighted: Map<string, string>): void {
  code.innerHTML = text
    .split('\n')
    .map((line) => `<span class="line">${highlighted.get(line) ?? line.replace(/[&<>]/g, (char) => escapes[char]!)}</span>`)
    .join('\n');
}

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
      this.#early.push({ type: event.inputType, data: event.data ?? event.dataTransfer?.getData('text/plain') ?? null, selection });
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

/** The caret or selection in `code` as offsets into its text, if it is there. */
export function selectionIn(code: HTMLElement): TextSelection | undefined {
  const selection = code.ownerDocument.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return undefined;
  if (!code.contains(selection.anchorNode) || !code.contains(selection.focusNode)) return undefined;
  return { anchor: offsetIn(code, selection.anchorNode, selection.anchorOffset), focus: offsetIn(code, selection.focusNode, selection.focusOffset) };
}

function offsetIn(code: HTMLElement, node: Node, offset: number): number {
  const range = code.ownerDocument.createRange();
  range.setStart(code, 0);
  range.setEnd(node, offset);
  return range.toString().length;
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
