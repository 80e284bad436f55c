// Astro's glob loader over content/lessons, plus the lesson's code: each entry gets all of it
// (lesson-code.ts), read once here, and the checks a schema cannot make. A lesson that fails them
// stops `astro sync` and `astro build` with the lesson's path and the fix. In `astro dev`, a
// change to any file of a lesson reads that lesson's code again.
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { LessonFrontmatter } from '../schemas/lesson.ts';
import { readLessonCode } from './lesson-code.ts';

const BASE = './content/lessons';

/** Watchers already told to re-read code: load() runs again on each content change in dev. */
const watched = new WeakSet<object>();

export function lessonLoader(): Loader {
  const lessons = glob({
    pattern: '*/index.mdx',
    base: BASE,
    // One folder per lesson; the folder name (e.g. 02-the-leak) is the entry id.
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  });
  return {
    name: 'keep-alive-lab:lessons',
    async load(context) {
      await lessons.load(context);
      for (const id of context.store.keys()) withCode(context, id);
      const { watcher } = context;
      if (!watcher || watched.has(watcher)) return;
      watched.add(watcher);
      const root = resolve(BASE);
      watcher.on('all', (_event, path) => {
        const id = relative(root, path).split(sep)[0];
        if (id && !path.endsWith('index.mdx') && context.store.has(id)) withCode(context, id);
      });
    },
  };
}

/** Puts the lesson's code into its entry; the digest covers it, so a change of code is a change. */
function withCode(context: LoaderContext, id: string) {
  const entry = context.store.get(id);
  if (!entry) return;
  const folder = resolve(entry.filePath ?? '', '..');
  const { code: _old, ...data } = entry.data as { code?: unknown } & Record<string, unknown>;
  const code = readLessonCode(folder, data as unknown as LessonFrontmatter, entry.filePath ?? folder);
  const digest = createHash('sha256').update(String(entry.digest ?? '')).update(JSON.stringify(code)).digest('hex').slice(0, 16);
  context.store.set({ ...entry, data: { ...data, code }, digest });
}
