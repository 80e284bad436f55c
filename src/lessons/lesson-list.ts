// The lessons in course order (by folder prefix), with the slug each is served under.
import { getCollection, type CollectionEntry } from 'astro:content';
import { lessonSlug } from './lesson-files.ts';
import { sitePath } from '../run/site-path.ts';

export interface LessonLink {
  entry: CollectionEntry<'lessons'>;
  slug: string;
  href: string;
  /** 1-based position in the course. */
  number: number;
}

export async function listLessons(): Promise<LessonLink[]> {
  const entries = await getCollection('lessons');
  return entries
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
    .map((entry, index) => {
      const slug = lessonSlug(entry.id);
      return { entry, slug, href: sitePath(`lessons/${slug}/`), number: index + 1 };
    });
}
