// All of a lesson's code, read from its folder once: the content loader calls this for every
// lesson, keeps the result in the lesson's entry, and everything after it (the page, the
// recordings, the workspace) takes the code from there. Reading it also checks it: a missing
// folder or file, an openFile that is not among the files, or a keyLine not found once in its
// file, stops the build with the fix.
import { resolve } from 'node:path';
import { z } from 'zod';
import type { LessonFrontmatter } from '../schemas/lesson.ts';
import { lessonFile, type LessonFile } from '../schemas/runner-protocol.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';
import { linesHolding } from '../run/key-line.ts';
import { challengeRun, readLessonFiles } from './lesson-files.ts';

const files = z.array(lessonFile);

export const lessonCodeSchema = z.object({
  /** files/: what the learner starts from. */
  starter: files,
  /** Every run a claim names (starter, solution and variants), each whole. */
  runs: z.record(z.string(), files),
  /** Each challenge's starting code and reference answer, each whole. */
  challenges: z.record(z.string(), z.object({ starter: files, reference: files })),
});
export type LessonCode = z.infer<typeof lessonCodeSchema>;

type CodeNeeds = Pick<LessonFrontmatter, 'claims' | 'challenges'> & Partial<Pick<LessonFrontmatter, 'openFile' | 'keyLine'>>;

export function readLessonCode(folder: string, lesson: CodeNeeds, shownPath: string): LessonCode {
  const starter = readLessonFiles(folder, 'starter');
  const openFile = lesson.openFile ?? 'client.js';
  if (!starter.some((file) => file.name === openFile)) {
    throw new LessonContentError(
      `${shownPath}: openFile "${openFile}" is not in files/ (${starter.map((file) => file.name).join(', ')}). Name one of those, or add the file.`,
    );
  }
  if (lesson.keyLine) checkKeyLine(starter, lesson.keyLine, shownPath);
  const runs: Record<string, LessonFile[]> = {};
  // Starter and solution always: the page shows both; every variant a claim names must exist.
  for (const run of new Set(['starter', 'solution', ...lesson.claims.map((claim) => claim.run)])) runs[run] = readLessonFiles(folder, run);
  const challenges: LessonCode['challenges'] = {};
  for (const { id } of lesson.challenges) {
    challenges[id] = { starter: readLessonFiles(folder, challengeRun(id, 'starter')), reference: readLessonFiles(folder, challengeRun(id, 'reference')) };
  }
  return { starter, runs, challenges };
}

/** The key line must be in the starter exactly once, or presenter view would show the wrong line. */
function checkKeyLine(starter: LessonFile[], keyLine: NonNullable<CodeNeeds['keyLine']>, shownPath: string) {
  const file = starter.find((candidate) => candidate.name === keyLine.file);
  if (!file) {
    throw new LessonContentError(`${shownPath}: keyLine names "${keyLine.file}", which is not in files/ (${starter.map((each) => each.name).join(', ')}). Name one of those.`);
  }
  const lines = linesHolding(file.content, keyLine.text);
  if (lines.length !== 1) {
    const found = lines.length === 0 ? 'no line holds it' : `lines ${lines.join(', ')} all hold it`;
    throw new LessonContentError(`${shownPath}: keyLine "${keyLine.text}" must match exactly one line of files/${keyLine.file}, but ${found}. Quote more (or less) of the line.`);
  }
}

/**
 * A lesson entry's code, as the loader stored it (checked, since it went through a cache on disk).
 * In `astro dev`, an edit of index.mdx makes Astro's glob loader store the entry again without
 * it; then the code is read from the lesson's folder, as the loader would have.
 */
export function codeOf(entry: { id: string; filePath?: string | undefined; data: object }): LessonCode {
  const parsed = lessonCodeSchema.safeParse((entry.data as { code?: unknown }).code);
  if (parsed.success) return parsed.data;
  const path = entry.filePath ?? entry.id;
  return readLessonCode(resolve(path, '..'), entry.data as CodeNeeds, path);
}
