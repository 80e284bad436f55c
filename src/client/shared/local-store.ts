// The learner's edits and progress, in localStorage. Every access tolerates storage being
// blocked or full: the lab then works for this page only, and says nothing breaks.
import { randomId } from '../../runtime/random-id.ts';

const EDITS = (lessonId: string) => `keep-alive-lab:edits:${lessonId}`;
/** Stored as plain text, not JSON, as they have been since the first release. */
const RUNTIME_CHOICE = 'keep-alive-lab:runtime';
/** Also read before first paint by BaseLayout's inline head script, which cannot import this file. */
const THEME = 'keep-alive-lab:theme';
const PROGRESS = 'keep-alive-lab:progress';

function read<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Blocked or full: edits last as long as the page.
  }
}

/** The learner's version of each file they changed, by file name. */
export function loadEdits(lessonId: string): Record<string, string> {
  return read<Record<string, string>>(EDITS(lessonId)) ?? {};
}

export function saveEdits(lessonId: string, edits: Record<string, string>): void {
  write(EDITS(lessonId), Object.keys(edits).length > 0 ? edits : undefined);
}

export interface Completion {
  /** ISO date of the first passed Check. */
  completedAt: string;
  /** Passed only with the lesson's solution applied: the home page says so, not "Done". */
  solutionApplied?: true;
}

export function loadProgress(): Record<string, Completion> {
  return read<Record<string, Completion>>(PROGRESS) ?? {};
}

/** A passed Check: `solutionApplied` never undoes a pass of the learner's own; their own pass replaces it. */
export function markComplete(lessonId: string, { solutionApplied = false } = {}): void {
  const progress = loadProgress();
  const known = progress[lessonId];
  if (known && (solutionApplied || !known.solutionApplied)) return;
  progress[lessonId] = { completedAt: new Date().toISOString(), ...(solutionApplied ? { solutionApplied: true as const } : {}) };
  write(PROGRESS, progress);
}

export function resetProgress(): void {
  write(PROGRESS, undefined);
  write(CHALLENGES, undefined);
}

const SOLUTION_APPLIED = 'keep-alive-lab:solution-applied';

/**
 * The rule for what counts as the learner's own pass: once they apply a lesson's solution (Solve,
 * then Apply), its passes count as "solution applied" until they Reset the code to the starter
 * (or Undo the apply). Editing the applied code does not make it theirs: a fix typed over the
 * solution is still the solution. Kept with the edits, so a reload does not forget it.
 */
export function solutionApplied(lessonId: string): boolean {
  return read<Record<string, true>>(SOLUTION_APPLIED)?.[lessonId] === true;
}

export function markSolutionApplied(lessonId: string, applied: boolean): void {
  const marks = read<Record<string, true>>(SOLUTION_APPLIED) ?? {};
  if (applied) marks[lessonId] = true;
  else delete marks[lessonId];
  write(SOLUTION_APPLIED, Object.keys(marks).length > 0 ? marks : undefined);
}

const CHALLENGES = 'keep-alive-lab:challenges';
const LEARNER = 'keep-alive-lab:learner';
const EDITOR_USED = 'keep-alive-lab:editor-used';
/** How long opening the editor counts as a sign that the learner will open it again (edit-intent.ts). */
const EDITOR_USED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

/** Notes that the learner opened the editor, so the next lesson may start it ahead. */
export function markEditorUsed(now = Date.now()): void {
  write(EDITOR_USED, now);
}

/** Whether the learner opened the editor in this browser in the last 30 days. */
export function editorUsedRecently(now = Date.now()): boolean {
  const at = read<number>(EDITOR_USED);
  return typeof at === 'number' && now - at < EDITOR_USED_FOR_MS;
}

/**
 * A random id for this browser, so that a workshop's room board counts a learner who passes a
 * Check twice once. It names nobody, and only a runner in room mode ever sees it.
 */
export function learnerId(): string {
  const known = read<string>(LEARNER);
  if (known) return known;
  const id = randomId();
  write(LEARNER, id);
  return id;
}

/** Challenges passed, as `lessonId/challengeId` keys with the date of the first pass. */
export function loadChallengesPassed(): Record<string, string> {
  return read<Record<string, string>>(CHALLENGES) ?? {};
}

export function markChallengePassed(lessonId: string, challengeId: string): void {
  const passed = loadChallengesPassed();
  passed[`${lessonId}/${challengeId}`] ??= new Date().toISOString();
  write(CHALLENGES, passed);
}

/** Where code runs ("auto", "local", "webcontainer"), as the learner last chose it. */
export function loadRuntimeChoice(): string | null {
  try {
    return localStorage.getItem(RUNTIME_CHOICE);
  } catch {
    return null;
  }
}

export function saveRuntimeChoice(choice: string): void {
  try {
    localStorage.setItem(RUNTIME_CHOICE, choice);
  } catch {
    // Blocked or full: the choice lasts for this page only.
  }
}

/** The theme the learner chose; "auto" removes the choice, so the page follows the OS. */
export function saveThemeChoice(theme: string): void {
  try {
    if (theme === 'auto') localStorage.removeItem(THEME);
    else localStorage.setItem(THEME, theme);
  } catch {
    // Blocked: the choice lasts for this visit.
  }
}
