// `npm start`: builds the site when its sources changed since the last build, then serves the lab
// and its runner on http://localhost:4321 (loopback only).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_STAMP } from '../build/build-stamp.ts';
import { startLabServer } from './lab-server.ts';

const projectRoot = new URL('../..', import.meta.url).pathname;
const distDir = join(projectRoot, 'dist');
const buildStamp = join(distDir, BUILD_STAMP);
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json'];

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.LAB_PORT ?? '4321' },
    // Beyond loopback only on purpose (a workshop room): then a token guards every request.
    host: { type: 'string', default: '127.0.0.1' },
    'no-build': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}".`);
  process.exit(2);
}

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), info.mtimeMs);
}

function buildIsStale(): boolean {
  if (!existsSync(buildStamp)) return true;
  const builtAt = statSync(buildStamp).mtimeMs;
  return SOURCES.some((source) => existsSync(join(projectRoot, source)) && newestChange(join(projectRoot, source)) > builtAt);
}

if (!values['no-build'] && buildIsStale()) {
  console.log('Building the lab (only when its sources changed)…');
  // astro's package exports hide bin/, so find it next to its package.json.
  const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '../bin/astro.mjs');
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; the messages above say where. Fix that and run `npm start` again.');
    process.exit(1);
  }
}

const host = values.host;
const loopback = host === '127.0.0.1' || host === 'localhost';
const token = loopback ? undefined : randomBytes(24).toString('base64url');
let lab;
try {
  lab = await startLabServer({ distDir, port, host: loopback ? '127.0.0.1' : host, ...(token ? { token } : {}) });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use. Stop whatever uses it, or run: npm start -- --port ${port + 1}`);
    process.exit(1);
  }
  throw error;
}
console.log(`Keep-Alive Lab is running at ${lab.url}  (Ctrl+C stops it and every run)`);
void lab.warmUp();
if (token) {
  console.log(
    `It listens on ${host}, beyond this machine, and runs code sent to it: share the address above, token included, only with people you trust.`,
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping runs…');
    lab.close().then(() => process.exit(0));
  });
}
