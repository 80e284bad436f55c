// Lesson 8's Go clients (content/lessons/08-the-go-original/go/), built with the machine's Go and
// run as the client of the lesson's own Node server through the lab's runner, so the server's
// meter counts them exactly as it counts the Node variants. Used by test/content/go-original.test.ts and
// tools/record-go.ts.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';
import { GO_CLIENTS } from '../../src/lessons/go-recordings.ts';
import { METER_PATH } from '../../src/runner/lesson-process.ts';
import { LESSONS_DIR } from './lessons.ts';

const run = promisify(execFile);

export const GO_LESSON_FOLDER = join(LESSONS_DIR, '08-the-go-original');
const GO_SOURCE = join(GO_LESSON_FOLDER, 'go');

/** Each Go client (a folder under go/) and the Node variant whose claims it must meet: the page's list. */
export { GO_CLIENTS };
export type GoClientName = (typeof GO_CLIENTS)[number]['name'];

/** A cold build compiles part of the standard library; a busy 2-core machine needs a while. */
const BUILD_TIMEOUT_MS = 240_000;

/** `go version`'s output; fails, naming the package to install, if there is no Go. */
export async function goVersion(): Promise<string> {
  try {
    return (await run('go', ['version'], { timeout: 30_000 })).stdout.trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('No `go` on PATH: lesson 8\'s Go clients need Go (1.19 or later). Install golang-go (apt-get install golang-go); CI installs it.');
    }
    throw error;
  }
}

export interface GoBuild {
  version: string;
  /** Absolute path of each client's binary. */
  binaries: Record<GoClientName, string>;
  /** Removes the build folder. */
  remove(): Promise<void>;
}

/**
 * Builds every client once into a fresh temporary folder, with Go's caches there too (nothing
 * written to the user's Go caches, nothing downloaded: go.mod has no requirements, GOPROXY=off).
 */
export async function buildGoClients(): Promise<GoBuild> {
  const version = await goVersion();
  const folder = await mkdtemp(join(tmpdir(), 'keep-alive-lab-go-'));
  try {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: folder,
      GOCACHE: join(folder, 'cache'),
      GOPATH: join(folder, 'gopath'),
      GOPROXY: 'off',
      GOFLAGS: '',
      GOTOOLCHAIN: 'local',
      // A static binary, and no C compiler needed (Go 1.19 does not fall back to pure Go by itself).
      CGO_ENABLED: '0',
    };
    await run('go', ['build', '-o', join(folder, 'bin') + '/', ...GO_CLIENTS.map((client) => `./${client.name}`)], {
      cwd: GO_SOURCE,
      env,
      timeout: BUILD_TIMEOUT_MS,
    });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    const { stderr, killed } = error as { stderr?: string; killed?: boolean };
    throw new Error(`Building lesson 8's Go clients ${killed ? `timed out after ${BUILD_TIMEOUT_MS / 1000} s` : 'failed'}: ${stderr ?? String(error)}`);
  }
  const binaries = Object.fromEntries(GO_CLIENTS.map((client) => [client.name, join(folder, 'bin', client.name)])) as Record<GoClientName, string>;
  return { version, binaries, remove: () => rm(folder, { recursive: true, force: true, maxRetries: 3 }) };
}

/**
 * Runs one Go client against lesson 8's server (files/server.js, the meter preloaded), with the
 * runner's usual limits. The starter's files go into the run's folder; client.js is not run.
 */
export async function runGoClient(binary: string): Promise<{ end: RunEnd; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const end = await runLesson({
    files: readLessonFiles(GO_LESSON_FOLDER, 'starter'),
    signal: AbortSignal.timeout(60_000),
    onEvent: (event) => events.push(event),
    clientCommand: [binary],
  });
  return { end, events };
}

/**
 * What a Go recording was made from: the lesson's server files, the client's Go source, the meter
 * and the Go that built it. go-original.test.ts fails when a committed recording's hash differs,
 * so the page never shows a run of code that has since changed.
 */
export function goRecordingHash(client: GoClientName, go: string): string {
  const hash = createHash('sha256');
  for (const file of readLessonFiles(GO_LESSON_FOLDER, 'starter').filter((f) => f.name !== 'client.js')) hash.update(`${file.name}\0${file.content}\0`);
  hash.update(readFileSync(join(GO_SOURCE, client, 'main.go')));
  hash.update(readFileSync(METER_PATH));
  hash.update(go);
  return hash.digest('hex').slice(0, 16);
}
