// Astro's glob loader over content/lessons, plus the checks a schema cannot make: every lesson
// has files/ and solution/ with server.js and client.js, and its openFile exists. A lesson that
// fails them stops `astro sync` and `astro build` with the lesson's path and the fix.
import { resolve } from 'node:path';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { challengeRun, readLessonFiles } from './lesson-files.ts';

export function lessonLoader(): Loader {
  const lessons = glob({
    pattern: '*/index.mdx',
    base: './content/lessons',
    // One folder per lesson; the folder name (e.g. 02-the-leak) is the entry id.
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  });
  return {
    name: 'keep-alive-lab:lessons',
    async load(context) {
      await lessons.load(context);
      for (const entry of context.store.values()) {
        const folder = resolve(entry.filePath ?? '', '..');
        const starter = readLessonFiles(folder, 'starter');
        readLessonFiles(folder, 'solution');
        const data = entry.data as { openFile?: string; claims?: { run: string }[]; challenges?: { id: string }[] };
        // Every variant a claim names must exist (readLessonFiles throws with the fix if not).
        for (const run of new Set((data.claims ?? []).map((claim) => claim.run))) readLessonFiles(folder, run);
        const openFile = data.openFile ?? 'client.js';
        if (!starter.some((file) => file.name === openFile)) {
          throw new Error(
            `${entry.filePath}: openFile "${openFile}" is not in files/ (${starter.map((file) => file.name).join(', ')}). Name one of those, or add the file.`,
          );
        }
        // Every challenge needs its starting code and a reference answer (readLessonFiles names the folder).
        for (const challenge of data.challenges ?? []) readLessonFiles(folder, challengeRun(challenge.id, 'reference'));
      }
    },
  };
}
