// `npm start`: builds the site when its sources changed since the last build, then serves the lab
// and its runner on http://localhost:4321 (loopback only). `--host 0.0.0.0` is room mode: the lab
// listens on every interface, prints the address to write up with a room code (room-banner.ts),
// a QR code, firewall hints, and an instructor address for the room board.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_STAMP, stampedBase } from '../build/build-stamp.ts';
import { basePath } from '../run/site-path.ts';
import { DEFAULT_MAX_RUNS, startLabServer } from './lab-server.ts';
import { checkConfinement } from './confinement.ts';
import { readRoomLessons } from './room-board.ts';
import { roomBanner } from './room-banner.ts';
import { newRoomCode } from './room-code.ts';

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
    // Confine lesson code (permission model, loopback-only network): on by default in room mode.
    confine: { type: 'boolean', default: false },
    // Room mode without confinement, where it is not available: the instructor says so explicitly.
    unconfined: { type: 'boolean', default: false },
    // Runs at once across all pages; more wait in line. Eight per core (at most 32) unless set.
    'max-runs': { type: 'string', default: String(DEFAULT_MAX_RUNS) },
  },
});
const maxRuns = Number(values['max-runs']);
if (!Number.isInteger(maxRuns) || maxRuns < 1) {
  console.error(`--max-runs must be a whole number of runs, 1 or more, got "${values['max-runs']}".`);
  process.exit(2);
}
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
  // Built for a static host's base path (BASE_PATH): its links would miss under `/`.
  if (basePath(stampedBase(readFileSync(buildStamp, 'utf8'))) !== '/') return true;
  const builtAt = statSync(buildStamp).mtimeMs;
  return SOURCES.some((source) => existsSync(join(projectRoot, source)) && newestChange(join(projectRoot, source)) > builtAt);
}

if (!values['no-build'] && buildIsStale()) {
  console.log('Building the lab (only when its sources changed)…');
  // astro's package exports hide bin/, so find it next to its package.json.
  const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '../bin/astro.mjs');
  // No telemetry from the lab's own build, and no notice about it before the lab's address.
  // The runner serves the lab at `/`: a BASE_PATH meant for a static deploy must not reach it.
  const { BASE_PATH: _basePath, ...inherited } = process.env;
  const env = { ...inherited, ASTRO_TELEMETRY_DISABLED: '1' };
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: projectRoot, stdio: 'inherit', env });
  if (build.status !== 0) {
    console.error('The build failed; the messages above say where. Fix that and run `npm start` again.');
    process.exit(1);
  }
}

const loopback = values.host === '127.0.0.1' || values.host === 'localhost';
const token = loopback ? undefined : randomBytes(24).toString('base64url');
// Room mode confines learners' code unless the instructor says --unconfined; loopback on request.
const confine = values.unconfined ? false : values.confine || token !== undefined;
if (confine) {
  const confinement = checkConfinement();
  if (!confinement.ok) {
    console.error(`Cannot confine lesson code here: ${confinement.reason}.`);
    console.error(
      token
        ? 'Room mode runs code sent by everyone in the room, so it starts only confined. To run it unconfined anyway (anyone with the token can then run any code as you), add --unconfined.'
        : 'Start without --confine to run lesson code unconfined, as your own code.',
    );
    process.exit(2);
  }
}
// What learners type to get the token (room-code.ts says how strong it is).
const roomCode = token ? newRoomCode() : undefined;
const room = token ? { instructorToken: randomBytes(24).toString('base64url'), lessons: readRoomLessons(join(projectRoot, 'content/lessons')) } : undefined;

async function start(host: string) {
  return startLabServer({ distDir, port, host, maxRuns, confine, ...(token ? { token } : {}), ...(roomCode ? { roomCode } : {}), ...(room ? { room } : {}) });
}

let lab;
try {
  // Every interface: :: takes IPv6 and IPv4 alike where the machine has IPv6, else 0.0.0.0.
  const host = loopback ? '127.0.0.1' : values.host === '0.0.0.0' || values.host === '::' ? '::' : values.host;
  lab = await start(host).catch((error: NodeJS.ErrnoException) => {
    if (host === '::' && (error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL')) return start('0.0.0.0');
    throw error;
  });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use. Stop whatever uses it, or run: npm start -- --port ${port + 1}`);
    process.exit(1);
  }
  throw error;
}
void lab.warmUp();
if (!token) {
  console.log(`Keep-Alive Lab is running at ${lab.url}  (Ctrl+C stops it and every run)`);
} else {
  console.log(roomBanner({ joinUrls: lab.joinUrls, code: roomCode!, localUrl: lab.url, port: lab.port, qr: lab.joinQr, roomUrl: lab.roomUrl }));
  console.log(`Up to ${maxRuns} runs at once (--max-runs); more wait in line.`);
}
console.log(
  confine
    ? 'Lesson code runs confined: it can read and write only its own run folder, start no processes, workers or addons, and reach no address but its own loopback.'
    : token
      ? 'WARNING: lesson code runs unconfined (--unconfined): anyone with the token can run any code as you. Share the address only with people you trust.'
      : 'Lesson code runs as your own code would (add --confine to confine it).',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping runs…');
    lab.close().then(() => process.exit(0));
  });
}
