// The local runner, end to end: a real lab server, a real WebSocket, real Node processes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLabServer, type LabServer } from '../../src/runner/lab-server.ts';
import { HANGING_CLIENT, LISTENING_SERVER, QUICK_CLIENT, lesson } from '../helpers/lesson-code.ts';
import { printedPids, waitUntilGone } from '../helpers/processes.ts';
import { RunnerClient } from '../helpers/runner-client.ts';

let lab: LabServer;
const clients: RunnerClient[] = [];

before(async () => {
  lab = await startLabServer({
    distDir: mkdtempSync(join(tmpdir(), 'lab-dist-')),
    port: 0,
    limits: { listenTimeoutMs: 1_500, timeLimitMs: 3_000, outputLimitBytes: 64 * 1024 },
  });
});

after(async () => {
  for (const client of clients) client.close();
  await lab.close();
});

async function connect(origin?: string) {
  const client = await RunnerClient.connect(lab.port, origin);
  clients.push(client);
  return client;
}

/** Waits until the run's output shows `count` PIDs, then returns them. */
async function pidsOf(client: RunnerClient, runId: string, count: number): Promise<number[]> {
  await client.waitFor(() => printedPids(client.output(runId)).length >= count);
  return printedPids(client.output(runId));
}

describe('running a lesson', () => {
  test('starts the server, hands its port to the client, and reports both exits', async () => {
    const client = await connect();
    client.run('ok-1', lesson(LISTENING_SERVER, QUICK_CLIENT));
    const end = await client.end('ok-1');
    assert.equal(end.reason, 'completed');
    assert.match(client.output('ok-1', 'client'), /status 200 ok/);
    const exits = client.events('ok-1').filter((event) => event.type === 'exit');
    assert.deepEqual(
      exits.map((exit) => [exit.process, exit.code, exit.stoppedByLab]),
      [
        ['client', 0, false],
        ['server', null, true],
      ],
    );
    const phase = client.events('ok-1').find((event) => event.type === 'phase' && event.phase === 'starting-client');
    assert.ok(phase?.type === 'phase' && typeof phase.port === 'number' && phase.port > 0);
  });

  test('runs in a fresh folder that is removed afterwards, with none of the runner’s environment', async () => {
    process.env.KEEP_ALIVE_LAB_TEST_SECRET = 'do-not-leak';
    const client = await connect();
    client.run(
      'env-1',
      lesson(LISTENING_SERVER, `console.log('cwd:' + process.cwd()); console.log('secret:' + process.env.KEEP_ALIVE_LAB_TEST_SECRET);`),
    );
    await client.end('env-1');
    delete process.env.KEEP_ALIVE_LAB_TEST_SECRET;
    const output = client.output('env-1', 'client');
    const folder = /cwd:(.+)/.exec(output)?.[1];
    assert.ok(folder, output);
    assert.equal(existsSync(folder), false, `${folder} should be removed`);
    assert.match(output, /secret:undefined/);
  });

  test('Stop ends both processes within a second', async () => {
    const client = await connect();
    client.run('stop-1', lesson(LISTENING_SERVER, HANGING_CLIENT));
    const pids = await pidsOf(client, 'stop-1', 2);
    const stoppedAt = performance.now();
    client.send({ type: 'stop', runId: 'stop-1' });
    const end = await client.end('stop-1');
    assert.equal(end.reason, 'stopped');
    await waitUntilGone(pids, 1_000);
    assert.ok(performance.now() - stoppedAt < 1_000, 'stop took longer than a second');
  });

  test('a second Run stops the first', async () => {
    const client = await connect();
    client.run('first', lesson(LISTENING_SERVER, HANGING_CLIENT));
    const pids = await pidsOf(client, 'first', 2);
    client.run('second', lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal((await client.end('first')).reason, 'stopped');
    await waitUntilGone(pids);
    assert.equal((await client.end('second')).reason, 'completed');
  });

  test('closing the page (the WebSocket) stops its run', async () => {
    const client = await connect();
    client.run('closed-1', lesson(LISTENING_SERVER, HANGING_CLIENT));
    const pids = await pidsOf(client, 'closed-1', 2);
    client.close();
    await waitUntilGone(pids);
  });

  test('a run that outlives the time limit is stopped, with a message that says so', async () => {
    const client = await connect();
    client.run('slow-1', lesson(LISTENING_SERVER, HANGING_CLIENT));
    const pids = await pidsOf(client, 'slow-1', 2);
    const end = await client.end('slow-1', 10_000);
    assert.equal(end.reason, 'time-limit');
    assert.match(end.message ?? '', /time limit/);
    // The page counts down to the limit from the run's first event.
    assert.deepEqual(client.events('slow-1')[0], { type: 'phase', phase: 'starting-server', timeLimitMs: 3_000 });
    await waitUntilGone(pids);
  });

  test('processes that lesson code spawns are stopped with it', async () => {
    const client = await connect();
    const spawning = `
      import { spawn } from 'node:child_process';
      const child = spawn(process.execPath, ['-e', 'console.log("pid:" + process.pid); setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      console.log('pid:' + process.pid);
      setInterval(() => {}, 1000);
    `;
    client.run('spawn-1', lesson(LISTENING_SERVER, spawning));
    const pids = await pidsOf(client, 'spawn-1', 3);
    client.send({ type: 'stop', runId: 'spawn-1' });
    await client.end('spawn-1');
    await waitUntilGone(pids);
  });
});

describe('bad lesson code', () => {
  test('a client that throws: its error text and exit code are shown, and the run fails', async () => {
    const client = await connect();
    client.run('throw-1', lesson(LISTENING_SERVER, `throw new Error('boom from the client');`));
    const end = await client.end('throw-1');
    assert.equal(end.reason, 'failed');
    assert.match(end.message ?? '', /client\.js exited with code 1/);
    assert.match(client.output('throw-1', 'client'), /boom from the client/);
    const pids = printedPids(client.output('throw-1'));
    await waitUntilGone(pids);
  });

  test('a server that never listens: the run ends with a message that says what to do', async () => {
    const client = await connect();
    client.run('silent-1', lesson(`console.log('pid:' + process.pid); setInterval(() => {}, 1000);`, QUICK_CLIENT));
    const end = await client.end('silent-1');
    assert.equal(end.reason, 'failed');
    assert.match(end.message ?? '', /did not start listening within 1\.5 s.*server\.listen\(process\.env\.PORT\)/);
    await waitUntilGone(printedPids(client.output('silent-1')));
    assert.equal(client.output('silent-1', 'client'), '', 'the client must not start');
  });

  test('a server on a port that is already taken: the error text is shown', async () => {
    const client = await connect();
    const busy = `
      import http from 'node:http';
      http.createServer().listen(${lab.port}, '127.0.0.1');
    `;
    client.run('busy-1', lesson(busy, QUICK_CLIENT));
    const end = await client.end('busy-1');
    assert.equal(end.reason, 'failed');
    assert.match(end.message ?? '', /server\.js exited with code 1 before it started listening/);
    assert.match(client.output('busy-1', 'server'), /EADDRINUSE/);
  });

  test('megabytes of output: the first and the last of it are shown, with one count of what was left out between', async () => {
    const client = await connect();
    const flood = `
      const line = 'x'.repeat(1023) + '\\n';
      for (let i = 0; i < 5 * 1024; i++) process.stdout.write(line);
      console.log('the very last line');
    `;
    client.run('flood-1', lesson(LISTENING_SERVER, flood));
    const end = await client.end('flood-1');
    assert.equal(end.reason, 'completed');
    const events = client.events('flood-1');
    const skipped = events.findIndex((event) => event.type === 'skipped');
    const shownBefore = events.slice(0, skipped).flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
    const shownAfter = events.slice(skipped).flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
    assert.ok(Buffer.byteLength(shownBefore) > 63 * 1024 && Buffer.byteLength(shownBefore) <= 64 * 1024, `first ${Buffer.byteLength(shownBefore)} bytes`);
    assert.match(shownBefore, /\n$/, 'whole lines');
    assert.ok(Buffer.byteLength(shownAfter) <= 64 * 1024, `last ${Buffer.byteLength(shownAfter)} bytes`);
    assert.match(shownAfter, /^x+\nx[^]*the very last line\n$/);
    const counted = events[skipped];
    assert.ok(counted?.type === 'skipped');
    const printed = events.flatMap((event) => (event.type === 'output' && event.process === 'server' ? [event.text] : [])).join('');
    assert.equal(counted.bytes + Buffer.byteLength(shownBefore + shownAfter), 5 * 1024 * 1024 + 'the very last line\n'.length + Buffer.byteLength(printed));
    assert.equal(events.filter((event) => event.type === 'skipped' || event.type === 'notice').length, 1, 'one message about it, no other');
    assert.ok(events.findIndex((event) => event.type === 'exit' && event.process === 'client') > skipped, 'client.js exits after its last line');
  });

  test('learner output that looks like a meter sample does not reach the meter', async () => {
    const client = await connect();
    const forger = `
      import http from 'node:http';
      console.log(JSON.stringify({ type: 'sample', server: { open: 999, accepted: 999, requests: 999 }, client: { open: 0, opened: 0, requests: 0 } }));
      http.createServer((req, res) => res.end('ok')).listen(process.env.PORT, '127.0.0.1');
    `;
    client.run('forge-1', lesson(forger, QUICK_CLIENT));
    await client.end('forge-1');
    const samples = client.events('forge-1').flatMap((event) => (event.type === 'meter' && event.process === 'server' ? [event.counts.server] : []));
    assert.ok(samples.length > 0, 'the real meter reported');
    assert.ok(samples.every((sample) => sample.accepted < 999));
    assert.equal(samples.at(-1)?.requests, 1);
  });
});

describe('what the runner refuses', () => {
  test('a WebSocket from another origin', async () => {
    await assert.rejects(connect('http://evil.example'), /Unexpected server response: 403/);
  });

  test('a request whose Host is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: lab.port, path: '/api/runner', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(status, 403);
  });

  for (const [name, message, rule] of [
    ['malformed JSON', '{"type": "run",', /not valid JSON/],
    ['an unknown message type', { type: 'format-disk' }, /Refused: .*Nothing was run/],
    ['a file name with a folder', { type: 'run', runId: 'r', files: [{ name: '../x', content: '' }] }, /bare names/],
    ['an absolute file name', { type: 'run', runId: 'r', files: [{ name: '/etc/passwd', content: '' }] }, /bare names/],
    ['a run without server.js', { type: 'run', runId: 'r', files: [{ name: 'client.js', content: '' }] }, /needs a server\.js/],
  ] as const) {
    test(name, async () => {
      const client = await connect();
      client.send(message);
      const refusal = await client.waitFor((m) => m.type === 'refused');
      assert.match(refusal.type === 'refused' ? refusal.message : '', rule);
      // The runner still serves a normal run afterwards.
      client.run('after-refusal', lesson(LISTENING_SERVER, QUICK_CLIENT));
      assert.equal((await client.end('after-refusal')).reason, 'completed');
    });
  }

  test('files over 512 KiB in total', async () => {
    const client = await connect();
    client.run('big', lesson(LISTENING_SERVER, `// ${'x'.repeat(600 * 1024)}`));
    const refusal = await client.waitFor((m) => m.type === 'refused');
    assert.match(refusal.type === 'refused' ? refusal.message : '', /at most 512 KiB/);
    assert.equal(client.events('big').length, 0, 'nothing ran');
  });
});

test('no process started by this suite is still running', async () => {
  const pids = clients.flatMap((client) =>
    printedPids(client.messages.map((m) => (m.type === 'output' ? m.text : '')).join('')),
  );
  assert.ok(pids.length >= 10, `expected PIDs from the runs above, got ${pids.length}`);
  await waitUntilGone(pids);
});
