// The abuse suite: what lesson code or another page might do to the local runner. Every case
// checks the refusal or the containment, then that the runner still serves a normal run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startLabServer, type LabServer } from '../../src/runner/lab-server.ts';
import { HANGING_CLIENT, LISTENING_SERVER, QUICK_CLIENT, lesson } from '../helpers/lesson-code.ts';
import { printedPids, waitUntilGone } from '../helpers/processes.ts';
import { RunnerClient } from '../helpers/runner-client.ts';

const dist = mkdtempSync(join(tmpdir(), 'lab-dist-'));
let lab: LabServer;
const clients: RunnerClient[] = [];
const allPids = new Set<number>();

before(async () => {
  lab = await startLabServer({ distDir: dist, port: 0, limits: { timeLimitMs: 3_000 }, maxRuns: 8 });
});

after(async () => {
  for (const client of clients) client.close();
  await lab.close();
});

/** GET /api/runner with a Host header of our choosing (fetch would send the URL's own). */
function getWithHost(port: number, host: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/api/runner', headers: { host, ...(cookie ? { cookie } : {}) } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

async function connect(server: LabServer = lab) {
  const client = await RunnerClient.connect(server.port);
  clients.push(client);
  return client;
}

/** Runs a normal lesson on a fresh connection: the runner must still serve after each case. */
async function assertStillServes(server: LabServer = lab) {
  const client = await connect(server);
  const runId = `still-${Math.random().toString(36).slice(2)}`;
  client.run(runId, lesson(LISTENING_SERVER, QUICK_CLIENT));
  assert.equal((await client.end(runId)).reason, 'completed');
  assert.match(client.output(runId, 'client'), /status 200 ok/);
}

function remember(output: string) {
  for (const pid of printedPids(output)) allPids.add(pid);
}

describe('what may be asked', () => {
  test('a file name with a backslash is refused', async () => {
    const client = await connect();
    client.send({ type: 'run', runId: 'bs', files: [{ name: 'a\\b', content: '' }, ...lesson(LISTENING_SERVER, QUICK_CLIENT)] });
    const refusal = await client.waitFor((m) => m.type === 'refused');
    assert.match(refusal.type === 'refused' ? refusal.message : '', /bare names/);
    await assertStillServes();
  });

  test('a 5 MiB file is refused with the size rule, and nothing runs', async () => {
    const client = await connect();
    client.run('huge', lesson(LISTENING_SERVER, `// ${'x'.repeat(5 * 1024 * 1024)}`));
    const refusal = await client.waitFor((m) => m.type === 'refused');
    assert.match(refusal.type === 'refused' ? refusal.message : '', /at most 512 KiB/);
    assert.equal(client.events('huge').length, 0);
    await assertStillServes();
  });

  test('a message beyond 8 MiB closes that connection (1009) and nothing else', async () => {
    const client = await connect();
    client.send(JSON.stringify({ type: 'run', runId: 'x', files: [{ name: 'client.js', content: 'x'.repeat(9 * 1024 * 1024) }] }));
    const [code] = (await once(client.socket, 'close')) as [number];
    assert.equal(code, 1009);
    await assertStillServes();
  });
});

describe('what a run may use', () => {
  test('10 MiB of output: the first 1 MiB in whole lines, the last 64 KiB, and one count of what was left out between', async () => {
    const client = await connect();
    client.run('flood', lesson(LISTENING_SERVER, `const line = 'y'.repeat(1023) + '\\n'; for (let i = 0; i < 10 * 1024; i++) process.stdout.write(line); console.log('last of the flood');`));
    assert.equal((await client.end('flood', 20_000)).reason, 'completed');
    const events = client.events('flood');
    const skipped = events.findIndex((event) => event.type === 'skipped');
    assert.ok(skipped > 0, 'a skipped event');
    const text = (from: number, to?: number) => events.slice(from, to).flatMap((event) => (event.type === 'output' && event.process === 'client' ? [event.text] : [])).join('');
    const first = Buffer.byteLength(text(0, skipped));
    assert.ok(first <= 1024 * 1024 && first > 1000 * 1024, `first ${first} bytes`);
    assert.match(text(0, skipped), /\n$/, 'whole lines');
    const last = text(skipped);
    assert.ok(Buffer.byteLength(last) <= 64 * 1024, `last ${Buffer.byteLength(last)} bytes`);
    assert.match(last, /last of the flood\n$/);
    assert.equal(events.filter((event) => event.type === 'skipped' || event.type === 'notice').length, 1, 'one message about it');
    await assertStillServes();
  });

  test('while (true) {} is stopped by the time limit', async () => {
    const client = await connect();
    client.run('spin', lesson(LISTENING_SERVER, `console.log('pid:' + process.pid); while (true) {}`));
    const end = await client.end('spin', 10_000);
    assert.equal(end.reason, 'time-limit');
    remember(client.output('spin'));
    await waitUntilGone(printedPids(client.output('spin')));
    await assertStillServes();
  });

  test('a lesson that opens sockets until the descriptor limit gets a clear message', async (t) => {
    // Opening thousands of sockets takes more than the suite's 3 s limit on a busy machine: this
    // lab gives the run time to reach the limit, so what ends it is EMFILE, not the clock.
    const roomy = await startLabServer({ distDir: dist, port: 0, limits: { timeLimitMs: 30_000 }, maxRuns: 1 });
    t.after(() => roomy.close());
    const client = await connect(roomy);
    const hoarder = `
      import net from 'node:net';
      console.log('pid:' + process.pid);
      const sockets = [];
      for (;;) {
        const error = await new Promise((resolve) => {
          const socket = net.connect(Number(process.env.PORT), '127.0.0.1', () => resolve(null));
          socket.on('error', resolve);
          sockets.push(socket);
        });
        if (error) { console.error(String(error)); break; }
      }
      console.log('held ' + sockets.length + ' sockets');
      process.exit(0);
    `;
    client.run('fds', lesson(LISTENING_SERVER, hoarder));
    const end = await client.end('fds', 45_000);
    remember(client.output('fds'));
    assert.notEqual(end.reason, 'time-limit', 'the run should end by running out of descriptors, well within its 30 s');
    const notice = client.events('fds').find((event) => event.type === 'notice' && event.level === 'error');
    assert.ok(notice?.type === 'notice' && /ran out of file descriptors \(EMFILE\)/.test(notice.text), JSON.stringify(end));
    await waitUntilGone(printedPids(client.output('fds')));
    await assertStillServes(roomy);
  });

  test('20 runs at once from 20 pages: 8 run, 12 wait their turn in order, and all 20 complete', async () => {
    const pages = await Promise.all(Array.from({ length: 20 }, () => connect()));
    pages.forEach((page, index) => page.run(`page-${index}`, lesson(LISTENING_SERVER, QUICK_CLIENT)));
    const ends = await Promise.all(pages.map((page, index) => page.end(`page-${index}`, 60_000)));
    assert.deepEqual(ends.map((end) => end.reason), Array(20).fill('completed'));
    const firstPlaces = pages.map((page, index) => page.messages.find((m) => m.type === 'queued' && m.runId === `page-${index}`));
    const waited = firstPlaces.filter((m) => m !== undefined);
    assert.equal(waited.length, 12, 'runs beyond the limit of 8 wait');
    // Each waiting run heard a different place at first, 0 to 11, and counted down to 0.
    assert.deepEqual(waited.map((m) => (m.type === 'queued' ? m.ahead : -1)).sort((a, b) => a - b), [...Array(12).keys()]);
    for (const [index, page] of pages.entries()) {
      const places = page.messages.flatMap((m) => (m.type === 'queued' && m.runId === `page-${index}` ? [m.ahead] : []));
      if (places.length > 0) assert.equal(places.at(-1), 0, `page-${index} heard ${places.join(', ')}`);
    }
    assert.ok(pages.every((page) => !page.messages.some((m) => m.type === 'refused')));
    await assertStillServes();
  });

  test('Run pressed again while waiting keeps the place; Stop gives it up and the next moves up', async (t) => {
    const small = await startLabServer({ distDir: dist, port: 0, limits: { timeLimitMs: 5_000 }, maxRuns: 1 });
    t.after(() => small.close());
    const busy = await RunnerClient.connect(small.port);
    const second = await RunnerClient.connect(small.port);
    const third = await RunnerClient.connect(small.port);
    t.after(() => [busy, second, third].forEach((page) => page.close()));
    busy.run('busy', lesson(LISTENING_SERVER, HANGING_CLIENT));
    await busy.waitFor((m) => m.type === 'phase' && 'runId' in m && m.runId === 'busy');
    second.run('second-a', lesson(LISTENING_SERVER, QUICK_CLIENT));
    await second.waitFor((m) => m.type === 'queued' && m.runId === 'second-a' && m.ahead === 0);
    third.run('third', lesson(LISTENING_SERVER, QUICK_CLIENT));
    await third.waitFor((m) => m.type === 'queued' && m.runId === 'third' && m.ahead === 1);

    // Run again, as the page does it: stop the waiting run, send the new one. Same place.
    second.send({ type: 'stop', runId: 'second-a' });
    second.run('second-b', lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal((await second.end('second-a')).reason, 'stopped');
    await second.waitFor((m) => m.type === 'queued' && m.runId === 'second-b' && m.ahead === 0);
    assert.ok(!third.messages.some((m) => m.type === 'queued' && m.ahead === 0), 'the third page did not move past the second');

    // Stop alone: the place is given up, and the third page moves up.
    second.send({ type: 'stop', runId: 'second-b' });
    assert.equal((await second.end('second-b')).reason, 'stopped');
    await third.waitFor((m) => m.type === 'queued' && m.runId === 'third' && m.ahead === 0, 5_000);

    busy.send({ type: 'stop', runId: 'busy' });
    assert.equal((await third.end('third', 15_000)).reason, 'completed');
    assert.equal(second.messages.filter((m) => m.type === 'phase').length, 0, 'the stopped page never ran');
  });

  test('a closed page leaves the line, and bad input is refused at once, not queued', async (t) => {
    const small = await startLabServer({ distDir: dist, port: 0, limits: { timeLimitMs: 5_000 }, maxRuns: 1 });
    t.after(() => small.close());
    const busy = await RunnerClient.connect(small.port);
    const leaving = await RunnerClient.connect(small.port);
    const behind = await RunnerClient.connect(small.port);
    t.after(() => [busy, behind].forEach((page) => page.close()));
    busy.run('busy', lesson(LISTENING_SERVER, HANGING_CLIENT));
    await busy.waitFor((m) => m.type === 'phase' && 'runId' in m && m.runId === 'busy');
    leaving.run('leaving', lesson(LISTENING_SERVER, QUICK_CLIENT));
    await leaving.waitFor((m) => m.type === 'queued' && m.runId === 'leaving');
    behind.run('behind', lesson(LISTENING_SERVER, QUICK_CLIENT));
    await behind.waitFor((m) => m.type === 'queued' && m.runId === 'behind' && m.ahead === 1);
    leaving.close();
    await behind.waitFor((m) => m.type === 'queued' && m.runId === 'behind' && m.ahead === 0);

    behind.send({ type: 'run', runId: 'bad', files: [{ name: '../x.js', content: '' }] });
    const refusal = await behind.waitFor((m) => m.type === 'refused');
    assert.match(refusal.type === 'refused' ? refusal.message : '', /bare names/);
    busy.send({ type: 'stop', runId: 'busy' });
    assert.equal((await behind.end('behind', 15_000)).reason, 'completed');
  });
});

describe('who may connect', () => {
  test('with a token (beyond loopback), requests and WebSockets without it are refused', async (t) => {
    const guarded = await startLabServer({ distDir: dist, port: 0, token: 'secret-token-for-tests' });
    t.after(() => guarded.close());
    const base = `http://127.0.0.1:${guarded.port}`;
    const headers = { host: `localhost:${guarded.port}` };
    assert.equal((await fetch(`${base}/api/runner`, { headers })).status, 401);
    await assert.rejects(RunnerClient.connect(guarded.port), /Unexpected server response: 401/);

    const first = await fetch(`${base}/?token=secret-token-for-tests`, { headers, redirect: 'manual' });
    assert.equal(first.status, 303);
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    assert.match(cookie, /^keep-alive-lab-token=secret-token-for-tests$/);
    assert.equal((await fetch(`${base}/api/runner`, { headers: { ...headers, cookie } })).status, 200);
    assert.equal((await fetch(`${base}/api/runner`, { headers: { ...headers, cookie: 'keep-alive-lab-token=wrong' } })).status, 401);

    const socket = new WebSocket(`ws://127.0.0.1:${guarded.port}/api/runner`, { headers: { ...headers, origin: `http://localhost:${guarded.port}`, cookie } });
    await once(socket, 'open');
    socket.close();
  });

  test('with a token, any address of the machine reaches the lab, but only a page of that address may open the runner', async (t) => {
    const guarded = await startLabServer({ distDir: dist, port: 0, token: 'secret-token-for-tests' });
    t.after(() => guarded.close());
    const cookie = 'keep-alive-lab-token=secret-token-for-tests';
    // A learner who opened the laptop by its room address (the Host header says which).
    const roomHost = `10.231.124.1:${guarded.port}`;
    assert.equal((await getWithHost(guarded.port, roomHost, cookie)).status, 200);
    assert.equal((await getWithHost(guarded.port, roomHost)).status, 401);
    // DNS rebinding: another name pointed at the laptop gets no cookie of the lab's, so no entry.
    assert.equal((await getWithHost(guarded.port, `evil.example:${guarded.port}`)).status, 401);

    const open = (origin: string) =>
      new Promise<number | 'open'>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${guarded.port}/api/runner`, { headers: { host: roomHost, origin, cookie } });
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('error', () => undefined);
      });
    assert.equal(await open(`http://${roomHost}`), 'open');
    assert.equal(await open(`http://evil.example:${guarded.port}`), 403);
    assert.equal(await open(`http://localhost:${guarded.port}`), 403, 'a page of another address of the lab is another origin');
  });

  test('on loopback (no token), a Host other than the loopback names is still refused', async () => {
    const response = await getWithHost(lab.port, `10.231.124.1:${lab.port}`);
    assert.equal(response.status, 403);
    assert.match(response.body, /against DNS rebinding/);
  });
});

test('Ctrl+C of the runner mid-run stops every lesson process, then the runner exits', async () => {
  const runner = spawn(process.execPath, [new URL('../../src/runner/start.ts', import.meta.url).pathname, '--no-build', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => {
    createInterface({ input: runner.stdout }).on('line', (line) => {
      const match = /running at http:\/\/localhost:(\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  const client = await RunnerClient.connect(port);
  client.run('interrupted', lesson(LISTENING_SERVER, HANGING_CLIENT));
  await client.waitFor(() => printedPids(client.output('interrupted')).length >= 2);
  const pids = printedPids(client.output('interrupted'));
  runner.kill('SIGINT');
  const [code] = (await once(runner, 'exit')) as [number];
  assert.equal(code, 0);
  await waitUntilGone(pids, 1_000);
});

test('no process started by this suite is still running', async () => {
  for (const client of clients) remember(client.messages.map((m) => (m.type === 'output' ? m.text : '')).join(''));
  assert.ok(allPids.size >= 3, `expected PIDs from the runs above, got ${allPids.size}`);
  await waitUntilGone([...allPids]);
});
