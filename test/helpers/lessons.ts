// Reads lessons the way the site does, for tests that run their code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readLessonFiles, type LessonVariant } from '../../src/lessons/lesson-files.ts';
import { lessonSchema, type LessonFrontmatter } from '../../src/schemas/lesson.ts';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';

export const LESSONS_DIR = new URL('../../content/lessons/', import.meta.url).pathname;

export interface LessonOnDisk {
  id: string;
  folder: string;
  frontmatter: LessonFrontmatter;
}

export function lessonsOnDisk(): LessonOnDisk[] {
  return readdirSync(LESSONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const folder = join(LESSONS_DIR, entry.name);
      const source = readFileSync(join(folder, 'index.mdx'), 'utf8');
      const yaml = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
      return { id: entry.name, folder, frontmatter: lessonSchema.parse(parse(yaml)) };
    });
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
