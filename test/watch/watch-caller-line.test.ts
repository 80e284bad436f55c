// A leak's place must be the program's own line, not a library's internals: clients built on
// axios (through follow-redirects), ky, got, and code run through tsx, at pinned versions
// (package.json). Where the library made the request with no frame of the program's on the
// stack, the report says so and names the library, instead of passing its internals off as
// the answer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { lesson } from '../helpers/lesson-code.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

// Bodies big enough to hold their connection unread; /flaky answers 503 twice, then 200.
const SERVER = `import http from 'node:http';
let flaky = 0;
http.createServer((req, res) => {
  if (req.url.startsWith('/flaky') && flaky++ < 2) res.statusCode = 503;
  res.end('x'.repeat(256 * 1024));
}).listen(process.env.PORT, '127.0.0.1');
`;

const resolved = (name: string) => JSON.stringify(import.meta.resolve(name));

async function watchClient(client: string, command: string[] = [process.execPath, 'client.js'], name = 'client.js') {
  const dir = folderWith([...lesson(SERVER, ''), { name, content: client }]);
  const server = await startServer(dir);
  try {
    const result = await runBin(['watch', '--fail-on-leak', '--json', 'watch.jsonl', '--', ...command], { cwd: dir, env: { PORT: String(server.port) } });
    const records = readFileSync(join(dir, 'watch.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    return { ...result, findings: records.filter((record) => record.type === 'finding') };
  } finally {
    await server.stop();
    removeFolder(dir);
  }
}

test('axios 1.21.1 through follow-redirects: the line of the axios call, with the library frame beside it', async () => {
  const result = await watchClient(
    [
      `import axios from ${resolved('axios')};`,
      "const res = await axios.get('http://127.0.0.1:' + process.env.PORT + '/stream', { responseType: 'stream' });",
      'console.log(res.status);',
      'setTimeout(() => process.exit(0), 1500);',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /1 × GET http:\/\/127\.0\.0\.1:\d+\/stream → 200 {3}requested at client\.js:2:\d+ ← axios via follow-redirects \(\S*node_modules\/follow-redirects\/index\.js:\d+:\d+\)\n/);
});

test('ky 1.14.3 leaves the bodies of the attempts it retries unread: the user’s call, and that the library made them', async () => {
  const result = await watchClient(
    [
      `import ky from ${resolved('ky')};`,
      "const text = await ky.get('http://127.0.0.1:' + process.env.PORT + '/flaky', { retry: { limit: 2, statusCodes: [503], delay: () => 10 } }).text();",
      'console.log(text.length);',
      'setTimeout(() => process.exit(0), 1500);',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '262144\n');
  assert.match(result.stderr, /unfinished responses: 2\n {2}2 × GET http:\/\/127\.0\.0\.1:\d+\/flaky → 503 {3}requested at client\.js:2:\d+ ← ky \(\S*node_modules\/ky\/distribution\/\S+\)\n/);
  // The retry had no frame of the program's on its stack: it carries the call it most likely came from.
  assert.deepEqual(
    result.findings.map((finding) => [Boolean(finding.at), finding.via, Boolean(finding.library), finding.startedBy?.replace(/^.*\//, '')]),
    [
      [true, 'ky', true, undefined],
      [false, 'ky', true, 'client.js:2:14'],
    ],
  );
  assert.match(result.stderr, /Some of these requests were made inside ky, not by a call of yours/);
});

test('ky 2.2.0 reads or cancels what it retries: clean, and one connection', async () => {
  const result = await watchClient(
    [
      `import ky from ${resolved('ky2')};`,
      "const text = await ky.get('http://127.0.0.1:' + process.env.PORT + '/flaky', { retry: { limit: 2, statusCodes: [503], delay: () => 10 } }).text();",
      'console.log(text.length);',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /opened 1 {3}requests 3 /);
  assert.match(result.stderr, /unfinished responses: none/);
});

test('got 16.2.0 starts its request on a later tick: the report names got and says no frame of the program’s was there', async () => {
  const result = await watchClient(
    [
      `import got from ${resolved('got')};`,
      "got.stream('http://127.0.0.1:' + process.env.PORT + '/stream').once('response', (res) => console.log(res.statusCode));",
      'setTimeout(() => process.exit(0), 1500);',
      '',
    ].join('\n'),
  );
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /1 × GET http:\/\/127\.0\.0\.1:\d+\/stream → 200 {3}requested inside got \(\S*node_modules\/got\/dist\/source\/core\/index\.js:\d+:\d+\), with no frame of your code on the stack/);
});

test('tsx 4.23.15: the line in the TypeScript source, through its source map', async () => {
  const client = [
    "import http from 'node:http';",
    '',
    'interface Target {',
    '  path: string;',
    '}',
    '',
    'enum Kind { Plain, Leaky }',
    "const target: Target = { path: '/typed' };",
    'const res = await new Promise<http.IncomingMessage>((resolve) => http.get(`http://127.0.0.1:${process.env.PORT}${target.path}`, resolve));',
    'console.log(res.statusCode, Kind.Leaky);',
    'setTimeout(() => process.exit(0), 1500);',
    '',
  ].join('\n');
  const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const result = await watchClient(client, [process.execPath, tsx, 'client.mts'], 'client.mts');
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '200 1\n');
  assert.match(result.stderr, /1 × GET http:\/\/127\.0\.0\.1:\d+\/typed → 200 {3}requested at client\.mts:9:\d+\n/);
});
