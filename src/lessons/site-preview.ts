// The link preview of the pages that are not lessons (home, reference, agenda, search): the lab's
// name over the numbers of the lesson that shows the leak itself.
import { listLessons } from './lesson-list.ts';
import { lessonPage } from './lesson-page.ts';
import { linkPreview, sitePreviewCard, type LinkPreview } from './link-preview.ts';

/** The lesson whose starter and solution the site's card shows; the first lesson if it is gone. */
const SITE_PREVIEW_LESSON = 'the-leak';

let preview: Promise<LinkPreview> | undefined;

export function sitePreview(): Promise<LinkPreview> {
  preview ??= (async () => {
    const lessons = await listLessons();
    const index = Math.max(0, lessons.findIndex((lesson) => lesson.slug === SITE_PREVIEW_LESSON));
    const page = await lessonPage(lessons, index);
    const { starter, solution } = page.recordings;
    return linkPreview('site', sitePreviewCard(page.lesson.entry.data.title, page.lesson.number, starter, solution));
  })();
  return preview;
}
