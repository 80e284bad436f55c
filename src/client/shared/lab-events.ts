// The names of the events the lesson page's elements send each other, written once. Each bubbles
// up to <lesson-workspace>, which acts on it.

/**
 * Ctrl+Enter (or Cmd+Enter) pressed inside the code or the editor: run the learner's code; with
 * Shift too, Check it (detail: RunShortcut).
 */
export const RUN_SHORTCUT_EVENT = 'run-shortcut';
export interface RunShortcut {
  check: boolean;
}
/** A file's text changed (typing, Reset, Undo, Solve, a share link). */
export const FILES_CHANGED_EVENT = 'files-changed';
/** The editors now show code from a share link, not the learner's own. */
export const SHARED_CODE_EVENT = 'shared-code';
