// The files the WebContainer runtime (webcontainer-runtime.ts) mounts, as the trees
// WebContainer's mount() takes: the project at the container's root, which says which Node to ask
// for; each run's folder, with the meter and the lesson's files; and a package lent to lesson
// code. Pure functions, apart from the runtime's boot and run state, so what a run sees on disk is
// decided in one place.
import type { FileSystemTree } from '@webcontainer/api';
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { meterFolder } from './webcontainer-launcher.ts';

/**
 * The Node WebContainer is asked for. Node 22 is opt-in there, through `engines.node` in the root
 * package.json or a root .nvmrc (stackblitz/webcontainer-core #560, which names 22.22.0); the
 * runtime has since moved past that release, so the lab asks for the major, not an exact pin.
 * Whatever it gets is checked after boot (probe-node.ts) and shown on the page.
 */
export function projectFiles(nodeMajor: number): FileSystemTree {
  const packageJson = { name: 'keep-alive-lab-run', private: true, type: 'module', engines: { node: `${nodeMajor}.x` } };
  return {
    'package.json': { file: { contents: `${JSON.stringify(packageJson, null, 2)}\n` } },
    '.nvmrc': { file: { contents: `${nodeMajor}\n` } },
  };
}

/**
 * A run's folder: the meter (src/meter/meter.js and bootstrap.js) in .lab/, with the folders
 * where each process's meter leaves its samples, and the lesson's files.
 */
export function runTree(files: LessonFile[], meter: { meterSource: string; bootstrapSource: string }): FileSystemTree {
  const tree: FileSystemTree = {
    '.lab': {
      directory: {
        'meter.js': { file: { contents: meter.meterSource } },
        'bootstrap.js': { file: { contents: meter.bootstrapSource } },
        [meterFolder('server').slice('.lab/'.length)]: { directory: {} },
        [meterFolder('client').slice('.lab/'.length)]: { directory: {} },
      },
    },
  };
  for (const file of files) tree[file.name] = { file: { contents: file.content } };
  return tree;
}

/** A package's files, by path, as the nested tree WebContainer mounts. */
export function packageTree(files: Record<string, string>): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    const name = parts.pop()!;
    let folder = root;
    for (const part of parts) {
      const existing = folder[part];
      if (!existing || !('directory' in existing)) folder[part] = { directory: {} };
      folder = (folder[part] as { directory: FileSystemTree }).directory;
    }
    folder[name] = { file: { contents } };
  }
  return root;
}
