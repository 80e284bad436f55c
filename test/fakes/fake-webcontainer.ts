// A stand-in for a booted WebContainer, typed against @webcontainer/api, for the one thing that
// cannot run here (WebContainer loads its runtime from stackblitz.com). Everything behind it is
// real: files on disk, real `node` processes, real sockets. It imitates what WebContainer does
// differently from plain Node: one pseudo-terminal stream per process with stdout and stderr
// merged, \r\n line ends and colour codes, an exit code instead of a signal on kill, 'port'
// events, and mounting only into folders that exist. Options make it misbehave the way a live
// container might (see FakeBehaviour).
import { spawn as spawnChild } from 'node:child_process';
import { watch as watchFs } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
import type { NodeFeature } from '../../src/schemas/node-features.ts';

export interface FakeBehaviour {
  /** Node features its processes lack (see test/fakes/fake-node-preload.js). */
  lacks?: NodeFeature[];
  /** Emit 'port' events when a process starts listening (default true), as WebContainer does. */
  portEvents?: boolean;
  /** kill() ends the process, but its `exit` promise never settles (a natural exit still does). */
  killedExitNeverSettles?: boolean;
  /** Output arrives in pieces of at most this many characters, splitting \r\n and escapes. */
  chunkSize?: number;
  /** Every readFile takes this long. */
  readDelayMs?: number;
}

export interface SpawnRecord {
  command: string;
  args: string[];
  options: SpawnOptions | undefined;
  pid: number | undefined;
}

const PRELOAD = new URL('./fake-node-preload.js', import.meta.url).href;

export class FakeWebContainer implements ContainerApi {
  readonly workdir: string;
  readonly spawned: SpawnRecord[] = [];
  readonly fs: FileSystemAPI;
  /** What fs.readFile was asked for: reads per path, and the most reads in flight at once in one folder. */
  readonly reads = { byPath: new Map<string, number>(), inFlight: new Map<string, number>(), mostInFlight: 0 };
  readonly #listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  readonly #behaviour: FakeBehaviour;

  constructor(workdir: string, behaviour: FakeBehaviour = {}) {
    this.workdir = workdir;
    this.#behaviour = behaviour;
    const at = (path: string) => join(workdir, path);
    const reads = this.reads;
    const slowly = async <T>(path: string, read: () => Promise<T>): Promise<T> => {
      reads.byPath.set(path, (reads.byPath.get(path) ?? 0) + 1);
      const folder = dirname(path);
      const now = (reads.inFlight.get(folder) ?? 0) + 1;
      reads.inFlight.set(folder, now);
      reads.mostInFlight = Math.max(reads.mostInFlight, now);
      try {
        if (behaviour.readDelayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.readDelayMs));
        return await read();
      } finally {
        reads.inFlight.set(folder, (reads.inFlight.get(folder) ?? 1) - 1);
      }
    };
    this.fs = {
      readdir: ((path: string, options?: unknown) => readdir(at(path), options as never)) as FileSystemAPI['readdir'],
      readFile: ((path: string, encoding?: BufferEncoding | null) =>
        slowly(path, () => (encoding ? readFile(at(path), encoding) : readFile(at(path)).then((buffer) => new Uint8Array(buffer))))) as FileSystemAPI['readFile'],
      writeFile: (path, data) => writeFile(at(path), data),
      mkdir: ((path: string, options?: { recursive?: boolean }) => mkdir(at(path), options)) as FileSystemAPI['mkdir'],
      rm: (path, options) => rm(at(path), options),
      rename: (from, to) => rename(at(from), at(to)),
      watch: ((path: string, ...rest: unknown[]) => watchFs(at(path), ...(rest as [])) as IFSWatcher) as FileSystemAPI['watch'],
    };
  }

  async mount(tree: FileSystemTree | Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void> {
    if ('length' in tree || tree instanceof ArrayBuffer) throw new Error('The fake mounts file trees only, not snapshots.');
    const root = join(this.workdir, options?.mountPoint ?? '');
    // WebContainer mounts into an existing folder only.
    if (!(await stat(root).then((found) => found.isDirectory(), () => false))) throw new Error(`ENOENT: no such directory, mount '${options?.mountPoint}'`);
    await writeTree(root, tree);
  }

  on(event: string, listener: (...args: never[]) => void): Unsubscribe {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (...args: unknown[]) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (...args: unknown[]) => void);
  }

  /** Emits an event to listeners, as WebContainer does for 'port', 'server-ready' and 'error'. */
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }

  async spawn(command: string, argsOrOptions?: string[] | SpawnOptions, maybeOptions?: SpawnOptions): Promise<WebContainerProcess> {
    const args = Array.isArray(argsOrOptions) ? argsOrOptions : [];
    const options = Array.isArray(argsOrOptions) ? maybeOptions : argsOrOptions;
    if (command !== 'node') throw new Error(`The fake runs only node, not ${command}`);
    const behaviour = this.#behaviour;
    const reportPorts = behaviour.portEvents !== false;
    const child = spawnChild(process.execPath, ['--import', PRELOAD, ...args], {
      cwd: join(this.workdir, options?.cwd ?? ''),
      env: {
        PATH: process.env.PATH ?? '',
        ...options?.env,
        KAL_FAKE_LACKS: (behaviour.lacks ?? []).join(','),
        ...(reportPorts ? { KAL_FAKE_PORT_FD: '3' } : {}),
      } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.spawned.push({ command, args, options, pid: child.pid });
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      for (const port of chunk.toString().split('\n').filter(Boolean)) this.emit('port', Number(port), 'open', `http://localhost:${port}`);
    });
    const terminal = (text: string) => text.replace(/\n/g, '\r\n');
    const pieces = (text: string) => {
      const size = behaviour.chunkSize ?? Infinity;
      const result: string[] = [];
      for (let i = 0; i < text.length; i += size) result.push(text.slice(i, i + size));
      return result;
    };
    const output = new ReadableStream<string>({
      start(controller) {
        const enqueue = (text: string) => pieces(text).forEach((piece) => controller.enqueue(piece));
        child.stdout.on('data', (chunk: Buffer) => enqueue(terminal(chunk.toString())));
        // A terminal shows stderr in colour; WebContainer passes the escape codes on.
        child.stderr.on('data', (chunk: Buffer) => enqueue(`\x1b[31m${terminal(chunk.toString())}\x1b[39m`));
        child.on('close', () => controller.close());
      },
    });
    let killed = false;
    const exit = new Promise<number>((resolve) =>
      child.on('exit', (code) => {
        if (!(killed && behaviour.killedExitNeverSettles)) resolve(code ?? 137);
      }),
    );
    return {
      output,
      exit,
      input: new WritableStream<string>(),
      kill: () => {
        killed = true;
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
  await mkdir(root, { recursive: true });
  for (const [name, node] of Object.entries(tree)) {
    const path = join(root, name);
    if ('directory' in node) await writeTree(path, node.directory);
    else if ('file' in node && 'contents' in node.file) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, node.file.contents);
    }
  }
}
