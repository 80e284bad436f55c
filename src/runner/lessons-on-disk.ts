// The lessons as they lie in content/lessons/NN-slug/index.mdx, for Node code that runs without
// Astro's content layer: the runner's room board and the tests. The frontmatter is read with
// Astro's own parser and checked against lessonSchema, as the build reads and checks it, so a
// lesson says the same here as on its page, defaults included.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { z } from 'astro/zod';
import { lessonSchema, type LessonFrontmatter } from '../schemas/lesson.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';

export interface LessonOnDisk {
  /** The lesson's folder name, e.g. 02-the-leak: the content collection's entry id. */
  id: string;
  /** The folder's absolute path. */
  folder: string;
  frontmatter: LessonFrontmatter;
}

/**
 * Every lesson under `lessonsDir`, in course order (by folder prefix, as the site lists them).
 * A lesson whose frontmatter breaks the schema throws a LessonContentError naming its file, with
 * the schema's ZodError as its cause.
 */
export function readLessonsOnDisk(lessonsDir: string): LessonOnDisk[] {
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((id) => readLessonOnDisk(join(lessonsDir, id)));
}

/** One lesson's folder (content/lessons/NN-slug), read and checked as readLessonsOnDisk does. */
export function readLessonOnDisk(folder: string): LessonOnDisk {
  const file = join(folder, 'index.mdx');
  const shown = relative(process.cwd(), file) || file;
  const { frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'));
  const parsed = lessonSchema.safeParse(frontmatter);
  if (!parsed.success) {
    const error = new LessonContentError(`Lesson ${shown}: its frontmatter does not match the lesson schema (src/schemas/lesson.ts).\n${z.prettifyError(parsed.error)}`);
    error.cause = parsed.error;
    throw error;
  }
  return { id: basename(folder), folder, frontmatter: parsed.data };
}
