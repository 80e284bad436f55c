// All of a lesson's code, read from its folder once: the content loader calls this for every
// lesson, keeps the result in the lesson's entry, and everything after it (the page, the
// recordings, the workspace) takes the code from there. Reading it also checks it: a missing
// folder or file, or an openFile that is not among the files, stops the build with the fix.
import { resolve } from 'node:path';
import { z } from 'zod';
import type { LessonFrontmatter } from '../schemas/lesson.ts';
import { lessonFile, type LessonFile } from '../schemas/runner-protocol.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';
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

type CodeNeeds = Pick<LessonFrontmatter, 'claims' | 'challenges'> & { openFile?: string };

export function readLessonCode(folder: string, lesson: CodeNeeds, shownPath: string): LessonCode {
  const starter = readLessonFiles(folder, 'starter');
  const openFile = lesson.openFile ?? 'client.js';
  if (!starter.some((file) => file.name === openFile)) {
    throw new LessonContentError(
      `${shownPath}: openFile "${openFile}" is not in files/ (${starter.map((file) => file.name).join(', ')}). Name one of those, or add the file.`,
    );
  }
  const runs: Record<string, LessonFile[]> = {};
  // Starter and solution always: the page shows both; every variant a claim names must exist.
  for (const run of new Set(['starter', 'solution', ...lesson.claims.map((claim) => claim.run)])) runs[run] = readLessonFiles(folder, run);
  const challenges: LessonCode['challenges'] = {};
  for (const { id } of lesson.challenges) {
    challenges[id] = { starter: readLessonFiles(folder, challengeRun(id, 'starter')), reference: readLessonFiles(folder, challengeRun(id, 'reference')) };
  }
  return { starter, runs, challenges };
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
