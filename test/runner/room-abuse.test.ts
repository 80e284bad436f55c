// The abuse suite from the room: a learner, played by a network namespace of this test's own,
// sends code to a lab in room mode (confined, as npm start --host makes it) by the laptop's room
// address. A second namespace stands in for the room's network, with a server in it. Each attempt
// must fail inside the run, the runner must keep serving, and nothing outside the run folder may
// change. No traffic leaves this machine: both namespaces hang off veth pairs made here.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkConfinement } from '../../src/runner/confinement.ts';
import { startLabServer, type LabServer } from '../../src/runner/lab-server.ts';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';
import { LISTENING_SERVER, QUICK_CLIENT, lesson, trying } from '../helpers/lesson-code.ts';

const suffix = String(process.pid % 100_000);
const LEARNER = { ns: `kal-lrn-${suffix}`, host: `kalhl${suffix}`, peer: `kalpl${suffix}`, hostAddress: '10.231.126.1', address: '10.231.126.2' };
const ROOM = { ns: `kal-room-${suffix}`, host: `kalhr${suffix}`, peer: `kalpr${suffix}`, hostAddress: '10.231.127.1', address: '10.231.127.2' };
const TOKEN = 'room-abuse-token-for-tests-only';
const MARKER = join(homedir(), `.keep-alive-lab-marker-${suffix}.txt`);

const confinement = checkConfinement();
const report: [string, string][] = [];
let lab: LabServer | undefined;
let roomServer: ChildProcess | undefined;
let homeBefore: string[] = [];
let roomServerSaw = '';

function ip(...args: string[]) {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`\`ip ${args.join(' ')}\` failed (${result.error?.message ?? result.stderr.trim()}). This suite needs root and iproute2; it does not pass without them.`);
  }
}

function addNamespace(side: typeof LEARNER) {
  ip('netns', 'add', side.ns);
  ip('link', 'add', side.host, 'type', 'veth', 'peer', 'name', side.peer);
  ip('link', 'set', side.peer, 'netns', side.ns);
  ip('addr', 'add', `${side.hostAddress}/24`, 'dev', side.host);
  ip('link', 'set', side.host, 'up');
  ip('-n', side.ns, 'addr', 'add', `${side.address}/24`, 'dev', side.peer);
  ip('-n', side.ns, 'link', 'set', side.peer, 'up');
  ip('-n', side.ns, 'link', 'set', 'lo', 'up');
}

/**
 * Sends one run from inside the learner's namespace, as a page would, and returns what it showed.
 * Asynchronous on purpose: the lab answering it runs in this very process.
 */
async function fromTheRoom(files: LessonFile[], probe = false): Promise<{ output: string; notices: string[]; end: { type: string; end?: { reason: string } }; probe: string }> {
  const order = JSON.stringify({ host: LEARNER.hostAddress, port: lab!.port, token: TOKEN, files, probe });
  const learner = spawn('ip', ['netns', 'exec', LEARNER.ns, process.execPath, 'test/helpers/room-learner.ts'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  learner.stdout.on('data', (chunk) => (stdout += String(chunk)));
  learner.stderr.on('data', (chunk) => (stderr += String(chunk)));
  learner.stdin.end(order);
  const [code] = (await once(learner, 'close')) as [number | null];
  assert.equal(code, 0, `the learner's page failed: ${stdout}${stderr}`);
  return JSON.parse(stdout);
}


function attempt(name: string, client: string, expected: RegExp, server = LISTENING_SERVER) {
  test(name, async () => {
    const shown = await fromTheRoom(lesson(server, client));
    assert.match(shown.output, expected, JSON.stringify(shown));
    report.push([name, `${shown.output.trim()}${shown.notices.length ? ` — notice: ${shown.notices.join(' / ')}` : ''}`]);
  });
}

describe('abuse from the room (confined runs)', { skip: process.platform !== 'linux' && 'room mode confinement is Linux-only' }, () => {
  before(async () => {
    assert.ok(confinement.ok, `Confinement is not available: ${confinement.ok ? '' : confinement.reason}`);
    writeFileSync(MARKER, 'the instructor’s secret');
    homeBefore = readdirSync(homedir()).sort();
    addNamespace(LEARNER);
    addNamespace(ROOM);
    // Something on the room's network that lesson code must not reach.
    roomServer = spawn('ip', ['netns', 'exec', ROOM.ns, process.execPath, '-e', `require('node:net').createServer((s) => { console.log('room server reached'); s.end(); }).listen(8080, '${ROOM.address}', () => console.log('listening'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    roomServer.stdout!.on('data', (chunk) => (roomServerSaw += String(chunk)));
    await new Promise((resolve) => roomServer!.stdout!.once('data', resolve));
    lab = await startLabServer({ distDir: mkdtempSync(join(tmpdir(), 'lab-dist-')), port: 0, host: LEARNER.hostAddress, token: TOKEN, confine: true });
  });

  after(async () => {
    await lab?.close();
    if (roomServer?.pid && roomServer.exitCode === null) roomServer.kill('SIGKILL');
    for (const side of [LEARNER, ROOM]) spawnSync('ip', ['netns', 'del', side.ns]);
    rmSync(MARKER, { force: true });
    if (report.length) console.log(`\nWhat the learner saw:\n${report.map(([name, seen]) => `- ${name}: ${seen}`).join('\n')}`);
  });

  attempt('read a file of the instructor’s', trying(`return (await import('node:fs')).readFileSync(${JSON.stringify(MARKER)}, 'utf8');`), /^REFUSED ERR_ACCESS_DENIED/);
  attempt('write a file into the instructor’s home', trying(`(await import('node:fs')).writeFileSync(${JSON.stringify(join(homedir(), `.kal-written-${suffix}`))}, 'x'); return 'written';`), /^REFUSED ERR_ACCESS_DENIED/);
  attempt('list the home folder', trying(`return (await import('node:fs')).readdirSync(${JSON.stringify(homedir())}).join(',');`), /^REFUSED ERR_ACCESS_DENIED/);
  attempt('spawn a shell', trying(`return (await import('node:child_process')).execSync('id').toString();`), /^REFUSED ERR_ACCESS_DENIED/);
  attempt('load a native addon', trying(`(await import('node:fs')).writeFileSync('addon.node', ''); const { createRequire } = await import('node:module'); return createRequire(import.meta.url)('./addon.node');`), /^REFUSED (ERR_ACCESS_DENIED|ERR_DLOPEN_DISABLED)/);
  attempt('open a worker', trying(`const { Worker } = await import('node:worker_threads'); new Worker('1', { eval: true }); return 'worker';`), /^REFUSED ERR_ACCESS_DENIED/);
  attempt(
    'connect to the room’s network',
    trying(`const net = await import('node:net'); return await new Promise((resolve, reject) => net.connect({ host: '${ROOM.address}', port: 8080 }).once('connect', () => resolve('connected')).once('error', reject));`),
    /^REFUSED ENETUNREACH/,
  );
  attempt(
    'fill the run folder',
    trying(`const fs = await import('node:fs'); const chunk = Buffer.alloc(1024 * 1024); for (let i = 0; i < 200; i++) fs.appendFileSync('filler.bin', chunk); return '200 MiB written';`),
    /^REFUSED ENOSPC/,
  );

  test('bind a port visible to the room', async () => {
    // The run's server listens on every interface of its namespace; the learner tries that port
    // at the laptop's room address while the run goes on.
    const server = `
import http from 'node:http';
http.createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '0.0.0.0');
`;
    const client = `${QUICK_CLIENT}\nawait new Promise((resolve) => setTimeout(resolve, 1500));`;
    const shown = await fromTheRoom(lesson(server, client), true);
    assert.match(shown.output, /status 200 ok/, 'the run itself still works');
    assert.match(shown.probe, /^ECONNREFUSED at /, JSON.stringify(shown));
    report.push(['bind a port visible to the room', `the run's server answered its own client; the room got ${shown.probe}`]);
  });

  test('the room’s server saw nothing, the runner still serves, and nothing outside the run folders changed', async () => {
    assert.doesNotMatch(roomServerSaw, /room server reached/);
    assert.equal(readFileSync(MARKER, 'utf8'), 'the instructor’s secret');
    assert.equal(existsSync(join(homedir(), `.kal-written-${suffix}`)), false);
    assert.deepEqual(readdirSync(homedir()).sort(), homeBefore);
    const shown = await fromTheRoom(lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(shown.end.end?.reason, 'completed');
    assert.match(shown.output, /status 200 ok/);
  });
});
