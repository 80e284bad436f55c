// One lesson process (server.js or client.js) with the socket meter preloaded.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LaunchedProcess, ProcessExit, ProcessSinks } from '../run/supervise-run.ts';
import type { LessonProcess } from '../schemas/run-events.ts';
import { permissionFlags, type RunBox } from './confinement.ts';
import { killTree } from './kill-tree.ts';

export const METER_PATH = fileURLToPath(new URL('../meter/meter.js', import.meta.url));
const METER_FD = 3;
/** Open files and sockets one lesson process may hold. The leak lessons need a few hundred. */
export const LESSON_FD_LIMIT = 4096;

export interface StartOptions extends ProcessSinks {
  name: LessonProcess;
  folder: string;
  env: Record<string, string>;
  /** A confined run's box: the process joins it, under Node's permission model (confinement.ts). */
  box?: RunBox | undefined;
  /**
   * The Node binary for a plain run; the runner's own Node unless given (the tests run every
   * claim on each supported line). A confined run always uses the runner's own Node.
   */
  node?: string | undefined;
  /** A program to run instead of NAME.js on Node (no meter preloaded); plain runs only. */
  command?: readonly string[] | undefined;
}

/**
 * Lesson code gets a small, fixed environment: nothing of the runner's own environment
 * (tokens, credentials, NODE_OPTIONS) leaks into code the learner pasted from anywhere.
 */
function lessonEnvironment(folder: string, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { HOME: folder, TMPDIR: folder, NODE_ENV: 'development', ...extra };
  for (const name of ['PATH', 'LANG', 'SystemRoot', 'WINDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function startLessonProcess(options: StartOptions): LaunchedProcess {
  if (options.command && options.box) throw new Error('A confined run runs only Node: do not pass command with box.');
  const plain = options.command ? [...options.command] : [options.node ?? process.execPath, '--import', pathToFileURL(METER_PATH).href, `${options.name}.js`];
  const node = options.box ? options.box.enter([process.execPath, ...permissionFlags(options.box.folder, METER_PATH), ...plain.slice(1)]) : plain;
  // On POSIX, lesson code gets its own file-descriptor budget, so a leak that opens sockets until
  // it runs out hits this limit (EMFILE) long before anything the runner needs.
  const [command, ...args] =
    process.platform === 'win32' ? node : ['/bin/sh', '-c', `ulimit -n ${LESSON_FD_LIMIT} && exec "$0" "$@"`, ...node];
  const child: ChildProcess = spawn(
    command!,
    args,
    {
      cwd: options.folder,
      env: lessonEnvironment(options.folder, { ...options.env, KAL_METER_FD: String(METER_FD) }),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      // Its own process group, so killTree reaches whatever the lesson spawns.
      detached: process.platform !== 'win32',
      windowsHide: true,
    },
  );
  let stoppedByLab = false;

  for (const stream of ['stdout', 'stderr'] as const) {
    const decoder = new StringDecoder('utf8');
    const source = child[stream];
    source?.on('data', (chunk: Buffer) => options.onOutput(stream, decoder.write(chunk)));
    source?.on('end', () => {
      const rest = decoder.end();
      if (rest) options.onOutput(stream, rest);
    });
  }

  const meterStream = child.stdio[METER_FD];
  if (meterStream && 'on' in meterStream) {
    createInterface({ input: meterStream as NodeJS.ReadableStream, crlfDelay: Infinity }).on('line', options.onMeterLine);
  }

  const exited = new Promise<ProcessExit>((resolve) => {
    // 'close', not 'exit': 'close' waits until stdout, stderr and the meter pipe are drained.
    child.once('close', (code, signal) => resolve({ code, signal, stoppedByLab }));
    child.once('error', () => resolve({ code: null, signal: null, stoppedByLab }));
  });

  return {
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) stoppedByLab = true;
      // Always signal the group: the process may be gone while its children live on.
      killTree(child);
    },
  };
}
