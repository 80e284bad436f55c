// The hand-off from a file's static code to Monaco: where the learner clicked, and the keys they
// typed in the gap before the editor took its place. A learner who clicks and types at once should
// not lose the first keys: they are held here, in order, and typed into the editor once it mounts.

export type EarlyKey = { text: string } | { deleteLeft: true };

/** Starts holding keys typed while `target` (or anything in it) has focus; `stop` returns them. */
export function holdEarlyKeys(target: HTMLElement): { stop(): EarlyKey[] } {
  const keys: EarlyKey[] = [];
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key === 'Backspace') keys.push({ deleteLeft: true });
    else if (event.key === 'Enter') keys.push({ text: '\n' });
    else if (event.key.length === 1) keys.push({ text: event.key });
    else return; // Arrows, Tab, Escape: left to the page.
    event.preventDefault(); // A space would scroll the page; the key is the editor's now.
  };
  target.addEventListener('keydown', onKey, true);
  return {
    stop() {
      target.removeEventListener('keydown', onKey, true);
      return keys.splice(0);
    },
  };
}

/** The line (1-based) of the static code under a click, so the editor's caret starts there. */
export function lineUnder(target: EventTarget | null): number | undefined {
  const line = target instanceof Element ? target.closest('.line') : null;
  if (!line?.parentElement) return undefined;
  return [...line.parentElement.querySelectorAll(':scope > .line')].indexOf(line) + 1 || undefined;
}

/** The offset in `text` at which line `line` (1-based) starts. */
export function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let passed = 1; passed < line; passed++) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) return text.length;
    offset = newline + 1;
  }
  return offset;
}
