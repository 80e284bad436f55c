// Reads a lesson's code from disk at build time (and in tests): files/ is what the learner
// starts from, solution/ the fixed version. Errors name the lesson's folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LessonFile } from '../schemas/run-events.ts';

const REQUIRED = ['server.js', 'client.js'];

export type LessonVariant = 'starter' | 'solution';

/**
 * @param lessonFolder absolute path of content/lessons/NN-slug. Passed in rather than derived
 * from import.meta.url, which points into the build output once Astro has bundled this file.
 */
export function readLessonFiles(lessonFolder: string, variant: LessonVariant): LessonFile[] {
  const subfolder = variant === 'starter' ? 'files' : 'solution';
  const folder = join(lessonFolder, subfolder);
  const shown = relative(process.cwd(), lessonFolder) || lessonFolder;
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => !name.startsWith('.'));
  } catch {
    throw new Error(`Lesson ${shown} has no ${subfolder}/ folder. Add one with server.js and client.js.`);
  }
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new Error(`Lesson ${shown}: ${subfolder}/ is missing ${missing.join(' and ')}.`);
  }
  // Server first, client second, then the rest by name: the order in which they run.
  const order = (name: string) => (REQUIRED.includes(name) ? REQUIRED.indexOf(name) : REQUIRED.length);
  return names
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((name) => ({ name, content: readFileSync(join(folder, name), 'utf8') }));
}

/** `02-the-leak` → `the-leak`: the numeric prefix orders lessons but stays out of URLs. */
export function lessonSlug(lessonId: string): string {
  return lessonId.replace(/^\d+-/, '');
}
