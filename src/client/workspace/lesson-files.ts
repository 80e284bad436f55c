// The lesson's files as the learner has them, apart from how they are shown (code-tabs.ts): the
// starter code, the learner's edits (kept per lesson in localStorage, saved a moment after the
// last change), one Undo of a wholesale replace (Reset, Solve, a challenge), and code from a share
// link, shown without saving over the learner's own.
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { loadEdits, saveEdits } from '../shared/local-store.ts';

const SAVE_AFTER_MS = 300;

export class LessonFiles {
  readonly #lessonId: string;
  readonly #original: readonly LessonFile[];
  /** What each file holds now: the learner's version where they changed it. */
  readonly #current = new Map<string, string>();
  #saveTimer?: ReturnType<typeof setTimeout>;
  /** The files as they were before the last wholesale replace, for Undo. */
  #beforeReplace?: Map<string, string>;
  /** While code from a share link is shown: the learner's own files, untouched and unsaved over. */
  #ownWhileShared?: Map<string, string>;
  /** Whether the learner's edits from an earlier visit were found. */
  readonly restored: boolean;

  constructor(lessonId: string, original: readonly LessonFile[]) {
    this.#lessonId = lessonId;
    this.#original = original;
    const saved = loadEdits(lessonId);
    for (const file of original) this.#current.set(file.name, saved[file.name] ?? file.content);
    this.restored = Object.keys(saved).length > 0;
  }

  /** The text of `file` now, or undefined if the lesson has no such file. */
  get(file: string): string | undefined {
    return this.#current.get(file);
  }

  /** The files as they are now, the learner's edits included. */
  all(): LessonFile[] {
    return this.#original.map((file) => ({ name: file.name, content: this.#current.get(file.name) ?? file.content }));
  }

  /** The starter code of every file. */
  starter(): Map<string, string> {
    return new Map(this.#original.map((file) => [file.name, file.content]));
  }

  /** Whether any file differs from the starter. */
  edited(): boolean {
    return this.#original.some((file) => this.#current.get(file.name) !== file.content);
  }

  /** The learner changed one file: saved shortly, and the last replace can no longer be undone. */
  change(file: string, value: string): void {
    this.#current.set(file, value);
    this.#beforeReplace = undefined;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.saveNow(), SAVE_AFTER_MS);
  }

  /** Replaces files wholesale, remembering what they held for one `undo`. */
  replace(contents: Map<string, string>): void {
    this.#beforeReplace = new Map(this.#current);
    this.#set(contents);
    this.saveNow();
  }

  /** The contents before the last replace, now back in place; undefined if there is none. */
  undo(): Map<string, string> | undefined {
    const before = this.#beforeReplace;
    this.#beforeReplace = undefined;
    if (before) {
      this.#set(before);
      this.saveNow();
    }
    return before;
  }

  /** Shows shared code over the learner's own, which is kept aside and not saved over. */
  showShared(shared: Record<string, string>): Map<string, string> {
    const contents = new Map(this.#current);
    for (const file of this.#original) if (shared[file.name] !== undefined) contents.set(file.name, shared[file.name]!);
    this.#ownWhileShared ??= new Map(this.#current);
    this.#set(contents);
    return contents;
  }

  /**
   * Ends the shared view: keeps the shared code as the learner's (undefined), or returns their
   * own code, back in place.
   */
  leaveShared(keep: boolean): Map<string, string> | undefined {
    const own = this.#ownWhileShared;
    this.#ownWhileShared = undefined;
    if (own && !keep) this.#set(own);
    this.saveNow();
    return keep ? undefined : own;
  }

  get showingShared(): boolean {
    return this.#ownWhileShared !== undefined;
  }

  /** Stores only the files that differ from the starter, so a lesson update reaches the rest. */
  saveNow(): void {
    clearTimeout(this.#saveTimer);
    // Shared code is not the learner's until they keep it: their saved code stays as it was.
    if (this.#ownWhileShared) return;
    const edits: Record<string, string> = {};
    for (const file of this.#original) {
      const current = this.#current.get(file.name);
      if (current !== undefined && current !== file.content) edits[file.name] = current;
    }
    saveEdits(this.#lessonId, edits);
  }

  #set(contents: Map<string, string>): void {
    for (const [file, content] of contents) this.#current.set(file, content);
  }
}
