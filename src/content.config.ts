import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson.ts';

export const collections = {
  lessons: defineCollection({
    // One folder per lesson; the folder name (e.g. 02-the-leak) is the entry id.
    loader: glob({
      pattern: '*/index.mdx',
      base: './content/lessons',
      generateId: ({ entry }) => entry.split('/')[0] ?? entry,
    }),
    schema: lessonSchema,
  }),
};
