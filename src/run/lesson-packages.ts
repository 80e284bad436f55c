// Packages lesson code may import though it cannot install them: the lab lends its own copy of
// each. The local runner links them into every run's folder (src/runner/lesson-packages.ts); the
// WebContainer runtime mounts one the first time a run imports it, from a file the build writes
// (src/pages/lab-packages/). Browser-safe: no Node imports.
import type { LessonFile } from '../schemas/runner-protocol.ts';

export const LESSON_PACKAGES = ['undici'] as const;
export type LessonPackage = (typeof LESSON_PACKAGES)[number];

/** A package's files, by path inside the package folder, as the build writes them. */
export interface LessonPackageFiles {
  name: LessonPackage;
  version: string;
  files: Record<string, string>;
}

/** The lesson packages a run's files import, by `import … from`, `import()` or `require()`. */
export function packagesImported(files: readonly Pick<LessonFile, 'content'>[]): LessonPackage[] {
  return LESSON_PACKAGES.filter((name) => {
    const quoted = `['"]${name}['"]`;
    const use = new RegExp(`\\bfrom\\s*${quoted}|\\bimport\\s*\\(\\s*${quoted}\\s*\\)|\\brequire\\s*\\(\\s*${quoted}\\s*\\)`);
    return files.some((file) => use.test(file.content));
  });
}
