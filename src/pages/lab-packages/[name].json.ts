// The packages the lab lends lesson code (src/run/lesson-packages.ts), one static JSON file each,
// for the WebContainer runtime to mount the first time a run imports one.
import { LESSON_PACKAGES, type LessonPackage } from '../../run/lesson-packages.ts';
import { lessonPackageFiles } from '../../runner/lesson-packages.ts';

export function getStaticPaths() {
  return LESSON_PACKAGES.map((name) => ({ params: { name } }));
}

export function GET({ params }: { params: { name: LessonPackage } }) {
  return new Response(JSON.stringify(lessonPackageFiles(params.name)), { headers: { 'content-type': 'application/json' } });
}
