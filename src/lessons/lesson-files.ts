// Reads a lesson's code from disk at build time (and in tests): files/ is what the learner
// starts from; solution/ holds the files the fix changes. Errors name the lesson's folder.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';

const REQUIRED = ['server.js', 'client.js'];

/**
 * Which code of a lesson to run: `starter` (files/), `solution`, or the name of a folder under
 * variants/. solution/ and each variant hold only the files they change; the rest come from
 * files/. Variants let a lesson measure more than two versions of its code.
 */
export type LessonVariant = string;

/**
 * A challenge's code: its starting point (challenges/ID/starter/, over files/) or its reference
 * answer (challenges/ID/reference/, over that). References are read by tests only, never shipped.
 */
export function challengeRun(id: string, which: 'starter' | 'reference'): LessonVariant {
  return `challenge:${id}:${which}`;
}

/**
 * @param lessonFolder absolute path of content/lessons/NN-slug. Passed in rather than derived
 * from import.meta.url, which points into the build output once Astro has bundled this file.
 */
export function readLessonFiles(lessonFolder: string, variant: LessonVariant): LessonFile[] {
  const shown = relative(process.cwd(), lessonFolder) || lessonFolder;
  const challenge = /^challenge:([a-z0-9-]+):(starter|reference)$/.exec(variant);
  if (challenge) {
    const [, id, which] = challenge;
    const start = overlay(readLessonFiles(lessonFolder, 'starter'), readFolder(lessonFolder, `challenges/${id}/starter`, shown, []));
    return which === 'starter' ? start : overlay(start, readFolder(lessonFolder, `challenges/${id}/reference`, shown, []));
  }
  if (variant !== 'starter') {
    return overlay(readLessonFiles(lessonFolder, 'starter'), readFolder(lessonFolder, variant === 'solution' ? 'solution' : `variants/${variant}`, shown, []));
  }
  return readFolder(lessonFolder, 'files', shown, REQUIRED);
}

/** `base` with the files of `changes` in place of its own, and any new ones added. */
function overlay(base: LessonFile[], changes: LessonFile[]): LessonFile[] {
  return base
    .map((file) => changes.find((changed) => changed.name === file.name) ?? file)
    .concat(changes.filter((added) => !base.some((file) => file.name === added.name)));
}

function readFolder(lessonFolder: string, subfolder: string, shown: string, required: string[]): LessonFile[] {
  const folder = join(lessonFolder, subfolder);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => !name.startsWith('.'));
  } catch {
    throw new LessonContentError(`Lesson ${shown} has no ${subfolder}/ folder. Add one with ${required.length ? 'server.js and client.js' : 'the files it changes'}.`);
  }
  if (names.length === 0) throw new LessonContentError(`Lesson ${shown}: ${subfolder}/ is empty. Add the files it changes.`);
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new LessonContentError(`Lesson ${shown}: ${subfolder}/ is missing ${missing.join(' and ')}.`);
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
