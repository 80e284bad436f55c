// The abuse suite: what lesson code or another page might do to the local runner. Every case
// checks the refusal or the containment, then that the runner still serves a normal run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startLabServer, type LabServer } from '../src/runner/lab-server.ts';
import { HANGING_CLIENT, LISTENING_SERVER, QUICK_CLIENT, lesson } from './helpers/lesson-code.ts';
import { printedPids, waitUntilGone } from './helpers/processes.ts';
import { RunnerClient } from './helpers/runner-client.ts';

const dist = mkdtempSync(join(tmpdir(), 'lab-dist-'));
let lab: LabServer;
const clients: RunnerClient[] = [];
const allPids = new Set<number>();

before(async () => {
  lab = await startLabServer({ distDir: dist, port: 0, limits: { timeLimitMs: 3_000 }, maxConcurrentRuns: 8 });
});

after(async () => {
  for (const client of clients) client.close();
  await lab.close();
});

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
  test('10 MiB of output is cut at 1 MiB with one notice', async () => {
    const client = await connect();
    client.run('flood', lesson(LISTENING_SERVER, `const line = 'y'.repeat(1023) + '\\n'; for (let i = 0; i < 10 * 1024; i++) process.stdout.write(line);`));
    assert.equal((await client.end('flood', 20_000)).reason, 'completed');
    const shown = Buffer.byteLength(client.output('flood'));
    assert.ok(shown <= 1024 * 1024 && shown > 1000 * 1024, `shown ${shown} bytes`);
    assert.equal(client.events('flood').filter((event) => event.type === 'notice').length, 1);
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

  test('a lesson that opens sockets until the descriptor limit gets a clear message', async () => {
    const client = await connect();
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
    const end = await client.end('fds', 30_000);
    remember(client.output('fds'));
    const notice = client.events('fds').find((event) => event.type === 'notice' && event.level === 'error');
    assert.ok(notice?.type === 'notice' && /ran out of file descriptors \(EMFILE\)/.test(notice.text), JSON.stringify(end));
    await waitUntilGone(printedPids(client.output('fds')));
    await assertStillServes();
  });

  test('20 runs at once from 20 pages: 8 run, 12 are told the runner is busy', async () => {
    const pages = await Promise.all(Array.from({ length: 20 }, () => connect()));
    pages.forEach((page, index) => page.run(`page-${index}`, lesson(LISTENING_SERVER, QUICK_CLIENT)));
    const outcomes = await Promise.all(
      pages.map((page, index) =>
        page.waitFor((m) => ('runId' in m && m.runId === `page-${index}` && (m.type === 'end' || m.type === 'refused')), 30_000),
      ),
    );
    const refused = outcomes.filter((m) => m.type === 'refused');
    const completed = outcomes.filter((m) => m.type === 'end' && m.end.reason === 'completed');
    assert.equal(refused.length, 12);
    assert.equal(completed.length, 8);
    assert.ok(refused.every((m) => m.type === 'refused' && /runner is busy: 8 runs/.test(m.message)));
    await assertStillServes();
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
});

test('Ctrl+C of the runner mid-run stops every lesson process, then the runner exits', async () => {
  const runner = spawn(process.execPath, [new URL('../src/runner/start.ts', import.meta.url).pathname, '--no-build', '--port', '0'], {
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
