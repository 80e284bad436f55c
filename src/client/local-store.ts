// The learner's edits and progress, in localStorage. Every access tolerates storage being
// blocked or full: the lab then works for this page only, and says nothing breaks.
const EDITS = (lessonId: string) => `keep-alive-lab:edits:${lessonId}`;
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
}

export function loadProgress(): Record<string, Completion> {
  return read<Record<string, Completion>>(PROGRESS) ?? {};
}

export function markComplete(lessonId: string): void {
  const progress = loadProgress();
  progress[lessonId] ??= { completedAt: new Date().toISOString() };
  write(PROGRESS, progress);
}

export function resetProgress(): void {
  write(PROGRESS, undefined);
  write(CHALLENGES, undefined);
}

const CHALLENGES = 'keep-alive-lab:challenges';

/** Challenges passed, as `lessonId/challengeId` keys with the date of the first pass. */
export function loadChallengesPassed(): Record<string, string> {
  return read<Record<string, string>>(CHALLENGES) ?? {};
}

export function markChallengePassed(lessonId: string, challengeId: string): void {
  const passed = loadChallengesPassed();
  passed[`${lessonId}/${challengeId}`] ??= new Date().toISOString();
  write(CHALLENGES, passed);
}
