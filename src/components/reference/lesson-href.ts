// A lesson's address by its slug, for the reference's sections (src/components/reference/) to link
// the lesson that measured a claim: made once by the page, and passed to each section.
import { listLessons } from '../../lessons/lesson-list.ts';

export type LessonHref = (slug: string) => string;

/** An unknown slug links to the home page. */
export async function lessonHrefs(): Promise<LessonHref> {
  const lessons = await listLessons();
  return (slug) => lessons.find((lesson) => lesson.slug === slug)?.href ?? '/';
}
