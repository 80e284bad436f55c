// Runs `keep-alive-lab watch` the way a user would: the lesson's server.js beside it (not
// measured), and the command under watch, as real processes on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';

export const BIN = new URL('../../bin/keep-alive-lab.js', import.meta.url).pathname;

export interface WatchResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A port nothing listens on now (the kernel picks it), for a server that reads PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Writes files into a fresh folder; the caller removes it. */
export function folderWith(files: LessonFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kal-watch-test-'));
  for (const file of files) writeFileSync(join(dir, file.name), file.content);
  return dir;
}

/** Runs `node bin/keep-alive-lab.js <args>` in `cwd` and collects what it printed. */
export function runBin(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; node?: string; timeoutMs?: number }): Promise<WatchResult> {
  return new Promise((resolve, reject) => {
    // Without the test runner's own marker, so that a `node --test` under watch runs its files.
    const { NODE_TEST_CONTEXT: _runner, ...env } = process.env;
    const child = spawn(options.node ?? process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keep-alive-lab ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts server.js (or `file`) from `dir` on a free port and resolves once it accepts connections. */
export async function startServer(dir: string, file = 'server.js'): Promise<{ port: number; server: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const server = spawn(process.execPath, [file], { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline) throw new Error(`${file} in ${dir} did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    server,
    stop: () =>
      new Promise((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGKILL');
      }),
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  });
}

export function removeFolder(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
