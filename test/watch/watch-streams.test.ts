// `watch` on bodies that are read correctly but arrive, or are taken, over seconds: a download, a
// server-sent event stream, a slow response read whole, `for await` over node:http and undici,
// `stream.pipeline` into a slow sink. None of them is a leak, so none may be reported: what counts
// is how long a body went without being read (or, for undici, without taking in a byte), not how
// long ago its headers came. Every real leak beside them must still be caught, at its line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PINNED_NODE_LINE } from '../../src/schemas/node-lines.ts';
import { lesson } from '../helpers/lesson-code.ts';
import { nodeBinary } from '../helpers/node-lines.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

// Every stream pauses 250 ms between pieces, a quarter of the default --idle-ms, for 2.5 s or
// more in all: well past the second after the headers at which the old clock reported them.
const SERVER = `import http from 'node:http';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
http.createServer(async (req, res) => {
  if (req.url.startsWith('/events')) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < 10; i++) {
      res.write('data: ' + i + '\\n\\n');
      await pause(250);
    }
    return res.end();
  }
  if (req.url.startsWith('/slow')) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    for (let i = 0; i < 10; i++) {
      res.write('x'.repeat(1024));
      await pause(250);
    }
    return res.end();
  }
  // Big enough that undici cannot take it all in without the program reading it.
  if (req.url.startsWith('/big')) return res.end('x'.repeat(1024 * 1024));
  res.end('x'.repeat(10 * 1024));
}).listen(process.env.PORT, '127.0.0.1');
`;

const CLEAN_CLIENT = `import http from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from ${JSON.stringify(import.meta.resolve('undici'))};
const base = 'http://127.0.0.1:' + process.env.PORT;
const get = (path) => new Promise((resolve, reject) => http.get(base + path, resolve).on('error', reject));
// A sink that takes 300 ms over every chunk: the body waits on it, paused, between chunks.
const slowSink = () => new Writable({ highWaterMark: 1, write: (chunk, encoding, done) => setTimeout(done, 300) });
await Promise.all([
  (async () => { let n = 0; for await (const chunk of await get('/slow/for-await')) n += chunk.length; console.log('http for await', n); })(),
  (async () => { await pipeline(await get('/fast/pipeline'), slowSink()); console.log('http pipeline done'); })(),
  (async () => { await pipeline(await get('/slow/pipeline'), slowSink()); console.log('http slow pipeline done'); })(),
  (async () => { const res = await fetch(base + '/slow/text'); console.log('fetch text', (await res.text()).length); })(),
  (async () => { let n = 0; for await (const chunk of (await fetch(base + '/events/fetch')).body) n += chunk.length; console.log('fetch events', n); })(),
  (async () => { const { body } = await request(base + '/events/undici'); let n = 0; for await (const chunk of body) n += chunk.length; console.log('undici events', n); })(),
  (async () => { const res = await get('/slow/on-data'); let n = 0; res.on('data', (chunk) => (n += chunk.length)); await new Promise((resolve) => res.on('end', resolve)); console.log('http on data', n); })(),
]);
`;

// Each leak on a line of its own, so that the report can be checked line by line.
const LEAKING_CLIENT = `import http from 'node:http';
const base = 'http://127.0.0.1:' + process.env.PORT;
const held = [];
http.get(base + '/fast/never-read', (res) => held.push(res));
held.push((await fetch(base + '/big/never-read')).body);
http.get(base + '/slow/two-chunks', (res) => {
  let chunks = 0;
  res.on('data', () => ++chunks === 2 && res.pause());
});
const abandoned = (await fetch(base + '/big/abandoned')).body.getReader();
await abandoned.read();
await new Promise((resolve) => setTimeout(resolve, 3500));
console.log('held', held.length);
process.exit(0);
`;

/** watch and the program on one Node line: the oldest watch supports, and the pinned one. */
async function watchOn(line: '20' | typeof PINNED_NODE_LINE, client: string) {
  const node = nodeBinary(line).path;
  const dir = folderWith(lesson(SERVER, client));
  const server = await startServer(dir);
  try {
    return await runBin(['watch', '--fail-on-leak', '--', node, 'client.js'], { cwd: dir, node, env: { PORT: String(server.port) } });
  } finally {
    await server.stop();
    removeFolder(dir);
  }
}

for (const line of ['20', PINNED_NODE_LINE] as const) {
  test(`Node ${line}: bodies read as they arrive, over seconds, are not reported`, async () => {
    const result = await watchOn(line, CLEAN_CLIENT);
    assert.equal(result.code, 0, result.stderr);
    for (const printed of ['http for await 10240', 'http pipeline done', 'http slow pipeline done', 'fetch text 10240', 'undici events', 'http on data 10240']) {
      assert.ok(result.stdout.includes(printed), `${printed}\n${result.stdout}`);
    }
    assert.match(result.stderr, /unfinished responses: none/);
  });

  test(`Node ${line}: a body never read, and one abandoned part-way, are still reported at their lines`, async () => {
    const result = await watchOn(line, LEAKING_CLIENT);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /unfinished responses: 4\n/);
    for (const at of [4, 5, 6, 10]) assert.match(result.stderr, new RegExp(`requested at client\\.js:${at}:\\d+`), `line ${at}\n${result.stderr}`);
    // Reported while the program still ran, as no longer read: not only at exit.
    assert.match(result.stderr, /unfinished response: GET http:\/\/127\.0\.0\.1:\d+\/slow\/two-chunks → 200 \(no byte read for \d+ ms/);
  });
}
