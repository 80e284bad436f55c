// A stand-in for a booted WebContainer, typed against @webcontainer/api, for the one thing that
// cannot run here (WebContainer loads its runtime from stackblitz.com). Everything behind it is
// real: files on disk, real `node` processes, real sockets. It imitates what WebContainer does
// differently from plain Node: one pseudo-terminal stream per process with stdout and stderr
// merged, \r\n line ends and colour codes, and an exit code instead of a signal on kill.
import { spawn as spawnChild } from 'node:child_process';
import { watch as watchFs } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type {
  FileSystemAPI,
  FileSystemTree,
  IFSWatcher,
  SpawnOptions,
  Unsubscribe,
  WebContainerProcess,
} from '@webcontainer/api';
import type { ContainerApi } from '../../src/runtime/webcontainer/webcontainer-launcher.ts';

export interface SpawnRecord {
  command: string;
  args: string[];
  options: SpawnOptions | undefined;
  pid: number | undefined;
}

export class FakeWebContainer implements ContainerApi {
  readonly workdir: string;
  readonly spawned: SpawnRecord[] = [];
  readonly fs: FileSystemAPI;
  readonly #listeners = new Map<string, Set<(...args: unknown[]) => void>>();

  constructor(workdir: string) {
    this.workdir = workdir;
    const at = (path: string) => join(workdir, path);
    this.fs = {
      readdir: ((path: string, options?: unknown) => readdir(at(path), options as never)) as FileSystemAPI['readdir'],
      readFile: ((path: string, encoding?: BufferEncoding | null) =>
        encoding ? readFile(at(path), encoding) : readFile(at(path)).then((buffer) => new Uint8Array(buffer))) as FileSystemAPI['readFile'],
      writeFile: (path, data) => writeFile(at(path), data),
      mkdir: ((path: string, options?: { recursive?: boolean }) => mkdir(at(path), options)) as FileSystemAPI['mkdir'],
      rm: (path, options) => rm(at(path), options),
      rename: (from, to) => rename(at(from), at(to)),
      watch: ((path: string, ...rest: unknown[]) => watchFs(at(path), ...(rest as [])) as IFSWatcher) as FileSystemAPI['watch'],
    };
  }

  async mount(tree: FileSystemTree | Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void> {
    if (!('length' in tree) && !(tree instanceof ArrayBuffer)) await writeTree(join(this.workdir, options?.mountPoint ?? ''), tree);
    else throw new Error('The fake mounts file trees only, not snapshots.');
  }

  on(event: string, listener: (...args: never[]) => void): Unsubscribe {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (...args: unknown[]) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (...args: unknown[]) => void);
  }

  /** Emits an event to listeners, as WebContainer does for 'port' and 'server-ready'. */
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }

  async spawn(command: string, argsOrOptions?: string[] | SpawnOptions, maybeOptions?: SpawnOptions): Promise<WebContainerProcess> {
    const args = Array.isArray(argsOrOptions) ? argsOrOptions : [];
    const options = Array.isArray(argsOrOptions) ? maybeOptions : argsOrOptions;
    if (command !== 'node') throw new Error(`The fake runs only node, not ${command}`);
    const child = spawnChild(process.execPath, args, {
      cwd: join(this.workdir, options?.cwd ?? ''),
      env: { PATH: process.env.PATH ?? '', ...options?.env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.spawned.push({ command, args, options, pid: child.pid });
    const terminal = (text: string) => text.replace(/\n/g, '\r\n');
    const output = new ReadableStream<string>({
      start(controller) {
        child.stdout.on('data', (chunk: Buffer) => controller.enqueue(terminal(chunk.toString())));
        // A terminal shows stderr in colour; WebContainer passes the escape codes on.
        child.stderr.on('data', (chunk: Buffer) => controller.enqueue(`\x1b[31m${terminal(chunk.toString())}\x1b[39m`));
        child.on('close', () => controller.close());
      },
    });
    const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 137)));
    return {
      output,
      exit,
      input: new WritableStream<string>(),
      kill: () => {
        try {
          process.kill(-(child.pid ?? 0), 'SIGKILL');
        } catch {
          // Already gone.
        }
      },
      resize: () => undefined,
    };
  }
}

async function writeTree(root: string, tree: FileSystemTree): Promise<void> {
  for (const [name, node] of Object.entries(tree)) {
    const path = join(root, name);
    if ('directory' in node) await writeTree(path, node.directory);
    else if ('file' in node && 'contents' in node.file) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, node.file.contents);
    }
  }
}
