// The local runner's side of the packages the lab lends lesson code (src/run/lesson-packages.ts):
// a plain run's folder gets a node_modules/ whose entries link to the lab's own copies; a confined
// run gets them mounted read-only instead (confinement.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { LESSON_PACKAGES, type LessonPackage, type LessonPackageFiles } from '../run/lesson-packages.ts';

const require = createRequire(import.meta.url);

function packageFolder(name: LessonPackage): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Each lesson package and the folder of the lab's copy, for a confined run to mount read-only. */
export function lessonPackageMounts(): { name: LessonPackage; folder: string }[] {
  return LESSON_PACKAGES.map((name) => ({ name, folder: packageFolder(name) }));
}

/** Gives a plain run's folder node_modules/<package> links to the lab's copies. */
export async function linkLessonPackages(folder: string): Promise<void> {
  await mkdir(join(folder, 'node_modules'));
  // 'junction': a folder link Windows allows without privileges; other systems ignore the type.
  await Promise.all(LESSON_PACKAGES.map((name) => symlink(packageFolder(name), join(folder, 'node_modules', name), 'junction')));
}

/**
 * What WebContainer needs of a package to run it: package.json and its JavaScript, without docs,
 * type declarations or scripts (undici 7.30: 1.5 MB of its 2.2).
 */
export function lessonPackageFiles(name: LessonPackage): LessonPackageFiles {
  const root = packageFolder(name);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // WebContainer's paths use '/', whatever this machine uses.
      const inPackage = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!['docs', 'types', 'scripts', 'node_modules'].includes(inPackage)) walk(path);
      } else if (inPackage === 'package.json' || (entry.name.endsWith('.js') && !entry.name.endsWith('.d.js'))) {
        files[inPackage] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(root);
  const version = String((JSON.parse(files['package.json'] ?? '{}') as { version?: unknown }).version);
  return { name, version, files };
}
