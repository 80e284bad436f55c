// Reads lessons the way the site does, for tests that run their code.
import { readLessonFiles, type LessonVariant } from '../../src/lessons/lesson-files.ts';
import { readLessonsOnDisk, type LessonOnDisk } from '../../src/runner/lessons-on-disk.ts';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';

export type { LessonOnDisk } from '../../src/runner/lessons-on-disk.ts';

export const LESSONS_DIR = new URL('../../content/lessons/', import.meta.url).pathname;

/** Every lesson, in course order, its frontmatter checked against lessonSchema (src/runner/lessons-on-disk.ts). */
export function lessonsOnDisk(): LessonOnDisk[] {
  return readLessonsOnDisk(LESSONS_DIR);
}

/** Runs one variant of a lesson with the real runner core and returns everything it reported. */
/** `node`: the binary of a plain run (test/helpers/node-lines.ts); the pinned Node unless given. */
export async function runVariant(lesson: LessonOnDisk, variant: LessonVariant, confine = false, node?: string): Promise<{ end: RunEnd; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const end = await runLesson({
    files: readLessonFiles(lesson.folder, variant),
    signal: AbortSignal.timeout(60_000),
    onEvent: (event) => events.push(event),
    confine,
    ...(node ? { node } : {}),
  });
  return { end, events };
}
