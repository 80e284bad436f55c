// Presenter view opens the lesson's key line (its frontmatter's keyLine, on <code-tabs> as
// data-key-file and data-key-text): the room sees the line the lesson is about, in the middle of
// the code and marked, in the static code and in the editor alike, whatever the learner typed above it.
import type { MountedEditor } from '../editor/mount-editor.ts';
import { keyLineNumber } from '../../run/key-line.ts';

export interface KeyLineHost {
  readonly element: HTMLElement;
  text(file: string): string | undefined;
  panel(file: string): HTMLElement | undefined;
  editor(file: string): MountedEditor | undefined;
  select(file: string): void;
}

export function presenting(): boolean {
  return document.documentElement.hasAttribute('data-present');
}

/**
 * In presenter view, marks the key line and (`reveal`) selects its file and brings the line into
 * view; else unmarks it. An editor just made in place of the static code only takes the mark: it
 * keeps the static code's scroll position and the caret where the instructor clicked.
 */
export function showKeyLine(host: KeyLineHost, reveal = true): void {
  const { keyFile: file, keyText: text } = host.element.dataset;
  if (!file || !text) return;
  const panel = host.panel(file);
  const line = keyLineNumber(host.text(file) ?? '', text);
  const on = presenting() && line !== undefined;
  for (const marked of host.element.querySelectorAll('.key-line')) marked.classList.remove('key-line');
  host.editor(file)?.markLine(on ? line : undefined, reveal);
  if (!on || !panel || !reveal) return;
  host.select(file);
  const pre = panel.querySelector<HTMLElement>('[data-static-code] pre');
  const row = pre?.querySelectorAll<HTMLElement>('.line')[line - 1];
  if (!pre || !row) return;
  row.classList.add('key-line');
  // The code box scrolls, not the page: the line sits a third of the way down, its lead-in above it.
  const top = row.getBoundingClientRect().top - pre.getBoundingClientRect().top + pre.scrollTop;
  pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
}
