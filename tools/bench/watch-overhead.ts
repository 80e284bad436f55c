// What `keep-alive-lab watch` costs the program it measures, in requests per second:
// - a client: 8 loops of sequential keep-alive requests for a few seconds, counting answers;
// - a server: autocannon (10 keep-alive connections) against it for a few seconds.
// Each is run plainly, under watch with stacks, and under watch --no-stacks, in turn, so a slow
// moment of the machine falls on all three alike. Reported (median of the repeats), not asserted.
// Besides requests per second, the measured process reports its own CPU time per request: on a
// shared machine (this one is a VM with neighbours) throughput swings by ±20 % between identical
// runs, while CPU time per request holds within a few percent, so "slower by" is judged on it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../../test/helpers/watch-run.ts';
import { median } from './figures.ts';

const BIN = new URL('../../bin/keep-alive-lab.js', import.meta.url).pathname;
const SECONDS = Number(process.env.BENCH_WATCH_SECONDS ?? 4);

const SERVER = `import http from 'node:http';
let answered = 0;
let cpuAtFirst;
const server = http.createServer((req, res) => {
  if (answered++ === 0) cpuAtFirst = process.cpuUsage();
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtFirst);
  console.log(JSON.stringify({ cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(answered, 1) }));
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
`;
const CLIENT = `import http from 'node:http';
const agent = new http.Agent({ keepAlive: true });
const until = Date.now() + ${SECONDS * 1000};
const cpuAtStart = process.cpuUsage();
let answered = 0;
const get = () => new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port: process.env.PORT, agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject));
await Promise.all(Array.from({ length: 8 }, async () => { while (Date.now() < until) { await get(); answered++; } }));
agent.destroy();
const cpu = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({ perSecond: answered / ${SECONDS}, cpuMicrosPerRequest: (cpu.user + cpu.system) / answered }));
`;

// BENCH_WATCH_BEFORE=<another checkout's bin/keep-alive-lab.js> adds that version's default mode to
// the same run, so a change is measured against what it replaced on the same machine, at the same time.
const BEFORE = process.env.BENCH_WATCH_BEFORE;
type Mode = string;
const MODES: Mode[] = [
  'without the meter',
  'under watch',
  'under watch --all-stacks',
  'under watch --no-stacks',
  ...(BEFORE ? ['under watch, before (BENCH_WATCH_BEFORE)'] : []),
];

function command(mode: Mode, file: string): string[] {
  if (mode === 'without the meter') return [process.execPath, file];
  const bin = mode.includes('before') && BEFORE ? BEFORE : BIN;
  const flag = mode.endsWith('--no-stacks') ? ['--no-stacks'] : mode.endsWith('--all-stacks') ? ['--all-stacks'] : [];
  return [process.execPath, bin, 'watch', ...flag, '--', process.execPath, file];
}

function start(args: string[], cwd: string, port: number) {
  const child = spawn(args[0]!, args.slice(1), { cwd, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, stdout: () => stdout };
}

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Measured {
  perSecond: number;
  cpuMicrosPerRequest: number;
}

function lastJson(text: string): Record<string, number> {
  return JSON.parse(text.trim().split('\n').findLast((line) => line.startsWith('{')) ?? '{}') as Record<string, number>;
}

async function clientRate(mode: Mode, dir: string): Promise<Measured> {
  const port = await freePort();
  const server = start([process.execPath, 'server.js'], dir, port);
  try {
    await until(() => server.stdout().includes('listening'), 'the server');
    const client = start(command(mode, 'client.js'), dir, port);
    await client.exited;
    const { perSecond = 0, cpuMicrosPerRequest = 0 } = lastJson(client.stdout());
    return { perSecond, cpuMicrosPerRequest };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function serverRate(mode: Mode, dir: string): Promise<Measured> {
  const port = await freePort();
  const server = start(command(mode, 'server.js'), dir, port);
  try {
    await until(() => server.stdout().includes('listening'), 'the server');
    const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: SECONDS });
    // SIGTERM (to watch, which passes it on) makes the server print its CPU time and close.
    server.child.kill('SIGTERM');
    await server.exited;
    return { perSecond: result.requests.average, cpuMicrosPerRequest: lastJson(server.stdout()).cpuMicrosPerRequest ?? 0 };
  } finally {
    server.child.kill('SIGKILL');
  }
}

export interface WatchOverhead {
  side: 'client' | 'server';
  mode: Mode;
  perSecond: number;
  cpuMicrosPerRequest: number;
  /**
   * More CPU time per request than without the meter, in percent: the median of each repeat's
   * ratio to the run without the meter just before it (paired, so a slow minute of a shared machine
   * falls on both sides of a ratio).
   */
  overheadPercent: number;
  /** Fewer requests per second than without the meter, in percent (noisy on a shared machine). */
  throughputLossPercent: number;
  runs: number;
}

export async function watchOverhead(repeats: number): Promise<WatchOverhead[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kal-watch-bench-'));
  writeFileSync(join(dir, 'server.js'), SERVER);
  writeFileSync(join(dir, 'client.js'), CLIENT);
  const samples = new Map<string, Measured[]>();
  try {
    for (let i = 0; i < repeats; i++) {
      for (const mode of MODES) {
        for (const [side, measure] of [['client', clientRate], ['server', serverRate]] as const) {
          const key = `${side}/${mode}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(mode, dir)]);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const figure = (side: string, mode: Mode, key: keyof Measured) => median(samples.get(`${side}/${mode}`)!.map((measured) => measured[key]));
  const percent = (value: number) => Math.round(value * 1000) / 10;
  return (['client', 'server'] as const).flatMap((side) => {
    const baseRate = figure(side, 'without the meter', 'perSecond');
    const baseCpu = figure(side, 'without the meter', 'cpuMicrosPerRequest');
    const baseRuns = samples.get(`${side}/without the meter`)!;
    return MODES.map((mode) => {
      const perSecond = figure(side, mode, 'perSecond');
      const cpu = figure(side, mode, 'cpuMicrosPerRequest');
      const paired = median(samples.get(`${side}/${mode}`)!.map((measured, i) => measured.cpuMicrosPerRequest / (baseRuns[i]?.cpuMicrosPerRequest ?? baseCpu)));
      return {
        side,
        mode,
        perSecond: Math.round(perSecond),
        cpuMicrosPerRequest: Math.round(cpu * 10) / 10,
        overheadPercent: percent(paired - 1),
        throughputLossPercent: percent(1 - perSecond / baseRate),
        runs: repeats,
      };
    });
  });
}

export function watchOverheadTable(rows: WatchOverhead[]): string {
  return [
    '| Measured side | Run | Requests per second | Fewer per second | CPU per request | More CPU per request | Runs |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      const base = row.mode === 'without the meter';
      return `| ${row.side} | ${row.mode} | ${row.perSecond} | ${base ? '–' : `${row.throughputLossPercent} %`} | ${row.cpuMicrosPerRequest} µs | ${base ? '–' : `${row.overheadPercent} %`} | ${row.runs} |`;
    }),
  ].join('\n');
}
