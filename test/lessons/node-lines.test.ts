// What the prose says about particular Node lines, run on those lines: the lab's claims run on
// 22, 24 and 26 (lessons.test.ts); these are the facts around them that a meter cannot count,
// and `keep-alive-lab watch` on every line it supports (20.6 and later). Each program runs on the
// real binary of its line (helpers/node-lines.ts).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { nodeBinary } from '../helpers/node-lines.ts';
import { lesson } from '../helpers/lesson-code.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';
import { lessonsOnDisk } from '../helpers/lessons.ts';

const run = promisify(execFile);
const LINES = ['20', '22', '24', '26'] as const;

/** Runs a CommonJS program on a line's Node and parses the JSON it prints. */
async function onLine<T>(line: (typeof LINES)[number], program: string): Promise<T> {
  const { stdout } = await run(nodeBinary(line).path, ['-e', program], { timeout: 20_000 });
  return JSON.parse(stdout) as T;
}

const FACTS = `
const http = require('node:http');
const stream = require('node:stream');
console.log(JSON.stringify({
  version: process.versions.node,
  undici: process.versions.undici,
  highWaterMark: stream.getDefaultHighWaterMark(false),
  serverBuffer: http.createServer().keepAliveTimeoutBuffer,
  agentBuffer: new http.Agent({ keepAlive: true }).agentKeepAliveTimeoutBuffer,
  globalAgentTimeout: http.globalAgent.options.timeout,
}));`;

describe('the facts lessons 4 and 6 and the reference state, per line', () => {
  test('Node 22, 24 and 26: 64 KiB stream buffers, a 1 s buffer on both sides of keep-alive, the global agent at 5 s', async () => {
    for (const line of ['22', '24', '26'] as const) {
      const facts = await onLine<Record<string, unknown>>(line, FACTS);
      assert.deepEqual(
        { highWaterMark: facts.highWaterMark, serverBuffer: facts.serverBuffer, agentBuffer: facts.agentBuffer, globalAgentTimeout: facts.globalAgentTimeout },
        { highWaterMark: 65_536, serverBuffer: 1000, agentBuffer: 1000, globalAgentTimeout: 5000 },
        `Node ${String(facts.version)}`,
      );
    }
  });

  test('the versions lesson 6 names: Node 22.23 with undici 6.28, 24.21 with 7.29, 26.10 with 8.10', async () => {
    const named = { '22': ['22.23.', '6.28.'], '24': ['24.21.', '7.29.'], '26': ['26.10.', '8.10.'] } as const;
    for (const [line, [node, undici]] of Object.entries(named)) {
      const facts = await onLine<{ version: string; undici: string }>(line as '22', FACTS);
      assert.ok(facts.version.startsWith(node) && facts.undici.startsWith(undici), `Node ${line} is ${facts.version} with undici ${facts.undici}: update the prose that names them`);
    }
  });

  test('Node 20: 16 KiB stream buffers', async () => {
    assert.equal((await onLine<{ highWaterMark: number }>('20', FACTS)).highWaterMark, 16_384);
  });

  // The reference says net.client.socket sees TLS connections on 22, 24 and 26, and none on 20.20.
  // TLS with a pre-shared key needs no certificate; five connections to a server in the process.
  const TLS_COUNT = `
const tls = require('node:tls');
const dc = require('node:diagnostics_channel');
let seen = 0;
dc.subscribe('net.client.socket', () => seen++);
const key = Buffer.from('lab-secret-key-0123456789abcdef');
const server = tls.createServer({ ciphers: 'PSK-AES128-CBC-SHA256', maxVersion: 'TLSv1.2', pskCallback: () => key }, (socket) => socket.end('hi'));
server.listen(0, '127.0.0.1', async () => {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve, reject) => {
      const socket = tls.connect({ port: server.address().port, host: '127.0.0.1', ciphers: 'PSK-AES128-CBC-SHA256', maxVersion: 'TLSv1.2', checkServerIdentity: () => undefined, pskCallback: () => ({ psk: key, identity: 'lab' }) });
      socket.on('data', () => undefined).on('end', resolve).on('error', reject);
    });
  }
  server.close();
  console.log(JSON.stringify({ version: process.versions.node, seen }));
});`;

  test('net.client.socket: 5 TLS connections are 5 events on Node 22, 24 and 26, and none on Node 20', async () => {
    const seen = Object.fromEntries(await Promise.all(LINES.map(async (line) => [line, (await onLine<{ seen: number }>(line, TLS_COUNT)).seen] as const)));
    assert.deepEqual(seen, { '20': 0, '22': 5, '24': 5, '26': 5 });
  });
});

// README: watch counts a fetch body undici did not receive whole. A body smaller than the stream
// buffer arrives whole unread, so the line is the buffer: 16 KiB on Node 20, 64 KiB on 22 to 26.
describe('keep-alive-lab watch on every line it supports', { concurrency: true }, () => {
  const server = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(Number(req.url.slice(1))))).listen(process.env.PORT, '127.0.0.1');\n";
  const client = (bytes: number) =>
    `for (let i = 0; i < 3; i++) {\n  const res = await fetch(\`http://127.0.0.1:\${process.env.PORT}/${bytes}\`);\n  console.log(res.status);\n}\n`;

  for (const line of LINES) {
    const limit = line === '20' ? 16_384 : 65_536;
    test(`Node ${line}: ignored fetch bodies of ${limit} bytes are reported at their line, ${limit - 1} bytes are not`, async () => {
      const node = nodeBinary(line).path;
      for (const [bytes, leaks] of [[limit, true], [limit - 1, false]] as const) {
        const dir = folderWith(lesson(server, client(bytes)));
        const listening = await startServer(dir);
        try {
          const result = await runBin(['watch', '--fail-on-leak', '--', node, 'client.js'], { cwd: dir, env: { PORT: String(listening.port) }, node });
          if (leaks) {
            assert.equal(result.code, 1, `${bytes} bytes on Node ${line}: ${result.stderr}`);
            assert.match(result.stderr, /3 × GET http:\/\/127\.0\.0\.1:\d+\/\d+ → 200\s+requested at client\.js:2:\d+/, result.stderr);
          } else {
            assert.equal(result.code, 0, `${bytes} bytes on Node ${line}: ${result.stderr}`);
          }
        } finally {
          await listening.stop();
          removeFolder(dir);
        }
      }
    });
  }
});

// Lesson 9's reuse race under watch on each line: node:http's reset (http.client.request.error and
// the agent's keepSocketAlive) and fetch's (undici's channels) are both found at their line.
describe('keep-alive-lab watch names the reuse race on every line it supports', { concurrency: true }, () => {
  const race = lessonsOnDisk().find((candidate) => candidate.id === '09-the-reuse-race')!;
  for (const line of LINES) {
    test(`Node ${line}: socket hang up and other side closed, each on a reused connection`, async () => {
      const node = nodeBinary(line).path;
      for (const [variant, error, count] of [['starter', 'ECONNRESET socket hang up', 1], ['fetch-closed', 'UND_ERR_SOCKET other side closed', 2]] as const) {
        const dir = folderWith(readLessonFiles(race.folder, variant));
        const listening = await startServer(dir);
        try {
          const result = await runBin(['watch', '--fail-on-reset', '--', node, 'client.js'], { cwd: dir, env: { PORT: String(listening.port) }, node });
          assert.equal(result.code, 1, `${variant} on Node ${line}: ${result.stderr}`);
          assert.match(result.stderr, new RegExp(`requests failed on a reused connection: ${count}\\n  ${count} × GET http://127\\.0\\.0\\.1:\\d+/jobs/2${count === 2 ? ', POST /jobs/4' : ''}: ${error} \\(after \\d+ ms idle`), `${variant} on Node ${line}: ${result.stderr}`);
        } finally {
          await listening.stop();
          removeFolder(dir);
        }
      }
    });
  }
});

// Lesson 10: how long fetch waits with no deadline. undici's defaults are read from the source each
// line bundles (a run would take five minutes), and node:http's from a real request.
describe('the waits lesson 10 states, per line', () => {
  const WAITS = `
const http = require('node:http');
const source = process.binding('natives')['internal/deps/undici/undici'];
const server = http.createServer(() => {}).listen(0, '127.0.0.1', () => {
  const req = http.get({ host: '127.0.0.1', port: server.address().port });
  req.on('socket', (socket) => {
    console.log(JSON.stringify({
      headersTimeout: /this\\[kHeadersTimeout\\] = headersTimeout != null \\? headersTimeout : (\\w+)/.exec(source)?.[1],
      bodyTimeout: /this\\[kBodyTimeout\\] = bodyTimeout != null \\? bodyTimeout : (\\w+)/.exec(source)?.[1],
      headersTimeoutCode: /var HeadersTimeoutError = class[\\s\\S]{0,400}?this\\.code = "(\\w+)"/.exec(source)?.[1],
      bodyTimeoutCode: /var BodyTimeoutError = class[\\s\\S]{0,400}?this\\.code = "(\\w+)"/.exec(source)?.[1],
      requestTimeout: req.timeout ?? null,
      socketTimeout: socket.timeout ?? 0,
    }));
    req.destroy();
    server.close();
  });
  req.on('error', () => {});
});`;
  for (const line of ['22', '24', '26'] as const) {
    test(`Node ${line}: undici waits 300 s for headers and between body chunks, then fails with UND_ERR_HEADERS_TIMEOUT or UND_ERR_BODY_TIMEOUT; http.request sets no timeout of its own; the global agent's sockets time out when idle for 5 s`, async () => {
      const waits = await onLine<Record<string, unknown>>(line, WAITS);
      assert.deepEqual(waits, {
        headersTimeout: '3e5',
        bodyTimeout: '3e5',
        headersTimeoutCode: 'UND_ERR_HEADERS_TIMEOUT',
        bodyTimeoutCode: 'UND_ERR_BODY_TIMEOUT',
        requestTimeout: null,
        socketTimeout: 5000,
      });
    });
  }
});
