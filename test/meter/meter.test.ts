// The socket meter, preloaded into a real Node process as the runner does it, measured against
// real connections from this test on 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { METER_PATH } from '../../src/runner/lesson-process.ts';
import { meterMessage, type MeterMessage } from '../../src/schemas/meter.ts';

/** Starts `code` with the meter on fd 3, and collects what the meter sends. */
function startMetered(code: string) {
  const child = spawn(process.execPath, ['--import', pathToFileURL(METER_PATH).href, '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
    env: { PATH: process.env.PATH ?? '', KAL_METER_FD: '3' },
  });
  const messages: MeterMessage[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
    messages.push(meterMessage.parse(JSON.parse(line)));
    for (const wake of waiters) wake();
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));

  async function until<T extends MeterMessage>(match: (message: MeterMessage) => message is T, timeoutMs?: number): Promise<T>;
  async function until(match: (message: MeterMessage) => boolean, timeoutMs?: number): Promise<MeterMessage>;
  async function until(match: (message: MeterMessage) => boolean, timeoutMs = 5_000): Promise<MeterMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.findLast(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`meter never sent a match; last: ${JSON.stringify(messages.at(-1))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        setTimeout(wake, 200);
      });
    }
  }
  return { child, messages, until, stdout: () => stdout };
}

const SERVER = `
import http from 'node:http';
http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');
`;

function isSample(message: MeterMessage): message is Extract<MeterMessage, { type: 'sample' }> {
  return message.type === 'sample';
}

test('counts a server’s accepted, open and closed connections and its requests', async (t) => {
  const metered = startMetered(SERVER);
  t.after(() => metered.child.kill('SIGKILL'));
  const { port } = await metered.until((m): m is Extract<MeterMessage, { type: 'listening' }> => m.type === 'listening');

  // Three raw connections, then two requests on one keep-alive connection.
  const sockets = await Promise.all(
    [1, 2, 3].map(async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    }),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 2; i++) {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get({ port, host: '127.0.0.1', agent }, resolve));
    res.resume();
    await once(res, 'end');
  }
  let sample = await metered.until((m) => isSample(m) && m.server.accepted === 4 && m.server.requests === 2);
  assert.deepEqual(sample.type === 'sample' && sample.server, { open: 4, accepted: 4, requests: 2, peak: 4, intervalPeak: 4 });

  sockets[0]?.destroy();
  agent.destroy();
  sample = await metered.until((m) => isSample(m) && m.server.open === 2);
  // The peak stays at the most that were open at once; the interval's top is what was open at its start.
  const { intervalPeak, ...server } = sample.type === 'sample' ? sample.server : { intervalPeak: undefined };
  assert.deepEqual(server, { open: 2, accepted: 4, requests: 2, peak: 4 });
  assert.ok(intervalPeak !== undefined && intervalPeak >= 2 && intervalPeak <= 4, `intervalPeak ${intervalPeak}`);
  for (const socket of sockets) socket.destroy();
});

test('counts a client’s outgoing connections, requests, and responses with a 5xx status', async (t) => {
  // Every third answer is a 502, as from a proxy: an answer, not an error event.
  let answered = 0;
  const server = http
    .createServer((_req, res) => {
      answered += 1;
      res.statusCode = answered % 3 === 2 ? 502 : 200;
      res.end('ok');
    })
    .listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as net.AddressInfo;
  const metered = startMetered(`
    import http from 'node:http';
    const agent = new http.Agent({ keepAlive: true });
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => http.get({ port: ${port}, host: '127.0.0.1', agent }, (res) => { res.resume(); res.on('end', resolve); }));
    }
    agent.destroy();
  `);
  const [code] = await once(metered.child, 'exit');
  assert.equal(code, 0);
  const last = metered.messages.filter(isSample).at(-1);
  assert.deepEqual(last?.client, { open: 0, opened: 1, requests: 6, errorResponses: 2 });
});

test('never keeps a process alive, and its last sample shows the state at exit', async () => {
  const metered = startMetered(`
    import http from 'node:http';
    const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', async () => {
      const res = await fetch('http://127.0.0.1:' + server.address().port + '/', { headers: { connection: 'close' } });
      await res.text();
      server.close();
    });
  `);
  const started = Date.now();
  const [code] = await once(metered.child, 'exit');
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 3_000, 'exits as soon as the lesson code is done');
  const { intervalPeak: _, ...last } = metered.messages.filter(isSample).at(-1)?.server ?? {};
  assert.deepEqual(last, { open: 0, accepted: 1, requests: 1, peak: 1 });
});

test('a burst that opens and closes between two samples still shows in the sample after it', async (t) => {
  const metered = startMetered(SERVER);
  t.after(() => metered.child.kill('SIGKILL'));
  const { port } = await metered.until((m): m is Extract<MeterMessage, { type: 'listening' }> => m.type === 'listening');
  // Five connections, all closed again at once: well within the 100 ms between samples.
  const sockets = await Promise.all([1, 2, 3, 4, 5].map(async () => {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return socket;
  }));
  for (const socket of sockets) socket.destroy();
  const sample = await metered.until((m) => isSample(m) && m.server.accepted === 5 && m.server.open === 0);
  // How many the server saw open at once depends on how its accepts and closes interleave; the
  // samples' open counts may never see any of them, but their interval peaks reach the exact peak.
  const peak = sample.type === 'sample' ? (sample.server.peak ?? 0) : 0;
  assert.ok(peak >= 1);
  const samples = metered.messages.filter(isSample);
  const highest = Math.max(...samples.map((m) => m.server.intervalPeak ?? 0));
  assert.equal(highest, peak, `interval peaks ${samples.map((m) => m.server.intervalPeak).join(', ')}, peak ${peak}`);
});

test('hides its file descriptor from lesson code, and lesson output cannot reach its channel', async () => {
  const metered = startMetered(`
    console.log('fd=' + process.env.KAL_METER_FD);
    console.log(JSON.stringify({ type: 'listening', port: 1, address: 'forged' }));
  `);
  await once(metered.child, 'exit');
  assert.match(metered.stdout(), /fd=undefined/);
  assert.equal(metered.messages.filter((m) => m.type === 'listening').length, 0);
});

test('with KAL_METER_DIR (WebContainer), each message is one whole file, numbered in order', async () => {
  const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = join(mkdtempSync(join(tmpdir(), 'meter-dir-')), 'server.meter');
  try {
    const code = `${SERVER}\nsetTimeout(() => process.exit(0), 400);`;
    const child = spawn(process.execPath, ['--import', pathToFileURL(METER_PATH).href, '--input-type=module', '-e', code], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', KAL_METER_DIR: dir },
    });
    await once(child, 'exit');
    const names = readdirSync(dir);
    assert.ok(names.length >= 2, `at least the listening message and a sample: ${names.join(', ')}`);
    assert.deepEqual(names.filter((name) => !/^\d{9}\.jsonl$/.test(name)), [], 'no half-written (.tmp) file is left');
    const messages = names.sort().map((name) => {
      const lines = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `${name} holds one message`);
      return meterMessage.parse(JSON.parse(lines[0] ?? ''));
    });
    assert.ok(messages.some((message) => message.type === 'listening'));
    const samples = messages.filter(isSample);
    assert.deepEqual(samples.map((sample) => sample.t), samples.map((sample) => sample.t).sort((a, b) => (a ?? 0) - (b ?? 0)), 'file names follow the order of sending');
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});
