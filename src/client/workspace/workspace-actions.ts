// The workspace's buttons that act on the code rather than run it: Reset, Undo, Copy link,
// Download, and the shared-code banner. Each tells the learner what happened and how to go back.
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import type { CodeTabs } from './code-tabs.ts';
import type { StatusLine } from './status-line.ts';

/** What the actions (and the Solve panel) work with: the workspace element, its code tabs and its status line. */
export interface WorkspaceParts {
  root: HTMLElement;
  tabs: CodeTabs;
  status: StatusLine;
}

export function button(parts: WorkspaceParts, action: string): HTMLButtonElement | null {
  return parts.root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
}

const say = (parts: WorkspaceParts, text: string, tone?: 'error') => parts.status.say(text, tone);

/** Shows Undo with what it undoes, and moves focus to it so a keyboard user can take it back. */
export function offerUndo(parts: WorkspaceParts, label: string): void {
  const undo = button(parts, 'undo');
  if (!undo) return;
  undo.textContent = label;
  undo.hidden = false;
  undo.focus();
}

/** Replaces some files (a solution, a challenge's code), keeping the learner's for Undo. */
export function putCode(parts: WorkspaceParts, files: LessonFile[], undoLabel: string, message: string): void {
  const contents = new Map(parts.tabs.files().map((file) => [file.name, file.content]));
  for (const file of files) contents.set(file.name, file.content);
  parts.tabs.replace(contents);
  offerUndo(parts, undoLabel);
  say(parts, message);
}

export function resetCode(parts: WorkspaceParts): void {
  parts.tabs.reset();
  offerUndo(parts, 'Undo reset');
  say(parts, 'Back to the starter code. Undo reset brings your edits back.');
}

export function undoReplace(parts: WorkspaceParts): void {
  parts.tabs.undo();
  const undo = button(parts, 'undo');
  if (undo) undo.hidden = true;
  button(parts, 'run')?.focus();
  say(parts, 'Your code is back.');
}

export async function copyLink(parts: WorkspaceParts): Promise<void> {
  const { shareLink } = await import('./share-link.ts');
  const link = await shareLink(parts.tabs.files(), new URL(location.href));
  if (!link.ok) return say(parts, link.message, 'error');
  try {
    await navigator.clipboard.writeText(link.url);
    say(parts, `Link copied. It carries your code (${Math.ceil(link.chars / 1000)} kB, in the part of the address no server sees).`);
  } catch {
    history.replaceState(history.state, '', link.url);
    say(parts, 'The address bar now holds a link with your code: copy it from there.');
  }
}

export async function download(parts: WorkspaceParts): Promise<void> {
  const { downloadLesson } = await import('./download-lesson.ts');
  const { slug = 'lesson', title = 'Lesson' } = parts.root.dataset;
  downloadLesson(slug, title, parts.tabs.files());
  say(parts, 'Downloaded a zip with your code. Unpack it and run: node run.js');
}

/** The banner over code from a share link: show it, or leave it with the learner's choice. */
export function showSharedBanner(parts: WorkspaceParts, shown: boolean): void {
  const banner = parts.root.querySelector<HTMLElement>('[data-shared-banner]');
  if (banner) banner.hidden = !shown;
}

export function leaveShared(parts: WorkspaceParts, keep: boolean): void {
  parts.tabs.leaveShared(keep);
  showSharedBanner(parts, false);
  say(parts, keep ? 'The shared code is now yours, and saved.' : 'Your own code is back.');
}

/** Enables the buttons that need the code tabs, once they are ready; Reset only when there are edits. */
export function refreshEditButtons(parts: WorkspaceParts, hasSolution: boolean): void {
  for (const action of ['copy-link', 'download', 'check']) {
    const enabled = button(parts, action);
    if (enabled) enabled.disabled = false;
  }
  const reset = button(parts, 'reset');
  if (reset) reset.disabled = !parts.tabs.edited();
  const solve = button(parts, 'solve');
  if (solve) solve.disabled = !hasSolution;
}
