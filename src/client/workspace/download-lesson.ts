// "Download": loaded on click only, with the meter's and the runner's source.
import runner from '../../download/run.js?raw';
import meter from '../../meter/meter.js?raw';
import { lessonZip } from '../../download/lesson-zip.ts';
import type { LessonFile } from '../../schemas/runner-protocol.ts';

export function downloadLesson(slug: string, title: string, files: LessonFile[]): void {
  const bytes = lessonZip(slug, title, files, { meter, runner });
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `keep-alive-lab-${slug}.zip` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
