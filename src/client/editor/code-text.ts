// A file's code as text on the page: the types both typing surfaces share (the static code before
// quick-edit.ts loads, and quick-edit.ts itself), drawing the text as the build's highlighted
// lines, and reading the caret and an input event as offsets into the text. Monaco gets a
// selection in the same terms when it takes over (mount-editor.ts).

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

/** A `beforeinput` event as a TextInput at `selection`: what it inserts, typed or dropped or pasted. */
export function textInputFrom(event: InputEvent, selection: TextSelection): TextInput {
  return { type: event.inputType, data: event.data ?? event.dataTransfer?.getData('text/plain') ?? null, selection };
}
