// The link-preview images, drawn at build time from each lesson's recorded runs (see
// src/lessons/link-preview.ts): one per lesson, and the site's own for every other page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { listLessons } from '../../lessons/lesson-list.ts';
import { lessonPage } from '../../lessons/lesson-page.ts';
import type { LinkPreview } from '../../lessons/link-preview.ts';
import { previewImage } from '../../lessons/preview-image.ts';
import { sitePreview } from '../../lessons/site-preview.ts';

export const getStaticPaths = (async () => {
  // Only absolute URLs can point at them (og:image): without SITE_URL no page does.
  if (!import.meta.env.SITE) return [];
  const lessons = await listLessons();
  const previews: LinkPreview[] = [await sitePreview()];
  for (const index of lessons.keys()) previews.push((await lessonPage(lessons, index)).preview);
  return previews.map((preview) => ({ params: { name: preview.name }, props: { preview } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ preview: LinkPreview }> = async ({ props }) => {
  const { png } = await previewImage(props.preview);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
