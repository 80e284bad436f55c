// `keep-alive-lab watch` on code no one here wrote: clients built on undici's own API and on axios,
// installed from npm at pinned versions (package.json). undici's docs say a response body must be
// consumed; left unconsumed, watch must report it. axios reads every body, so it must come out clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lesson } from '../helpers/lesson-code.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

const SERVER = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(256 * 1024))).listen(process.env.PORT, '127.0.0.1');\n";

async function watchClient(client: string) {
  const dir = folderWith(lesson(SERVER, client));
  const server = await startServer(dir);
  try {
    return await runBin(['watch', '--fail-on-leak', '--', process.execPath, 'client.js'], { cwd: dir, env: { PORT: String(server.port) } });
  } finally {
    await server.stop();
    removeFolder(dir);
  }
}

test('undici 7 request() with the body left unconsumed: reported at the line that made it', async () => {
  const undici = import.meta.resolve('undici');
  const result = await watchClient(
    [
      `import { Agent, request } from ${JSON.stringify(undici)};`,
      'const dispatcher = new Agent();',
      'for (let i = 0; i < 3; i++) {',
      '  const { statusCode } = await request(`http://127.0.0.1:${process.env.PORT}/report/${i}`, { dispatcher });',
      "  console.log('status', statusCode);",
      '}',
      'await dispatcher.destroy();',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^(status 200\n){3}$/);
  assert.match(result.stderr, /unfinished responses: 3\n  3 × GET http:\/\/127\.0\.0\.1:\d+\/report\/\d, \/report\/\d, \/report\/\d → 200\s+requested at client\.js:4:\d+/);
});

test('undici 7 request() with every body consumed: clean, and its requests counted', async () => {
  const undici = import.meta.resolve('undici');
  const result = await watchClient(
    [
      `import { Agent, request } from ${JSON.stringify(undici)};`,
      'const dispatcher = new Agent();',
      'for (let i = 0; i < 3; i++) {',
      '  const { body } = await request(`http://127.0.0.1:${process.env.PORT}/report/${i}`, { dispatcher });',
      '  await body.text();',
      // As with fetch (lesson 4), the connection is free again one turn of the event loop later.
      '  await new Promise((resolve) => setImmediate(resolve));',
      '}',
      'await dispatcher.close();',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /client {3}http:\/\/127\.0\.0\.1:\d+ {3}open 0 \(busy 0, idle 0\) {3}opened 1 {3}requests 3 {3}requests per connection 3\.0/);
  assert.match(result.stderr, /unfinished responses: none/);
});

test('axios 1 reads every body: clean, one keep-alive connection for 20 requests', async () => {
  const axios = import.meta.resolve('axios');
  const result = await watchClient(
    [
      "import http from 'node:http';",
      `import axios from ${JSON.stringify(axios)};`,
      'const httpAgent = new http.Agent({ keepAlive: true });',
      'for (let i = 0; i < 20; i++) await axios.get(`http://127.0.0.1:${process.env.PORT}/items/${i}`, { httpAgent });',
      'httpAgent.destroy();',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /opened 1 {3}requests 20 {3}requests per connection 20\.0/);
  assert.match(result.stderr, /unfinished responses: none/);
});
