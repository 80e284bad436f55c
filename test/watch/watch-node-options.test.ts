// watch preloads its meter through NODE_OPTIONS, which a program may replace: an npm script that
// sets it (Jest's documented ESM set-up, `NODE_OPTIONS=--experimental-vm-modules jest`), or a child
// process started with an `env` of its own. Each of those Node processes must still be measured,
// and the program's own NODE_OPTIONS must still work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lesson } from '../helpers/lesson-code.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

const SERVER = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(256 * 1024))).listen(process.env.PORT, '127.0.0.1');\n";

// Leaves one body unread, and prints the NODE_OPTIONS it was given.
const CLIENT = `import http from 'node:http';
http.get('http://127.0.0.1:' + process.env.PORT + '/leak', () => {
  console.log('NODE_OPTIONS has', (process.env.NODE_OPTIONS ?? '').replace(/--import \\S*\\/meter\\.js/, '').trim() || 'nothing');
  setTimeout(() => process.exit(0), 100);
});
`;

async function watchIn(files: { name: string; content: string }[], command: string[]) {
  const dir = folderWith([...lesson(SERVER, CLIENT), ...files]);
  const server = await startServer(dir);
  try {
    return await runBin(['watch', '--fail-on-leak', '--', ...command], { cwd: dir, env: { PORT: String(server.port) } });
  } finally {
    await server.stop();
    removeFolder(dir);
  }
}

function assertLeakFound(result: { code: number | null; stderr: string }) {
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /unfinished responses: 1\n {2}1 × GET http:\/\/127\.0\.0\.1:\d+\/leak → 200 {3}requested at client\.js:2:6/);
}

test('an npm script that sets NODE_OPTIONS itself: its node is measured, with its own option', async () => {
  const manifest = { name: 'someone-elses-service', private: true, type: 'module', scripts: { test: 'NODE_OPTIONS=--experimental-vm-modules node client.js' } };
  const result = await watchIn([{ name: 'package.json', content: JSON.stringify(manifest) }], ['npm', 'test', '--silent']);
  assert.match(result.stdout, /NODE_OPTIONS has --experimental-vm-modules\n/);
  assertLeakFound(result);
});

for (const [how, call] of [
  ['spawn', "spawn(process.execPath, ['client.js'], { env: { PORT: process.env.PORT }, stdio: 'inherit' })"],
  ['execFileSync', "execFileSync(process.execPath, ['client.js'], { env: { PORT: process.env.PORT, NODE_OPTIONS: '--no-deprecation' }, stdio: 'inherit' })"],
  ['fork', "fork('client.js', { env: { PORT: process.env.PORT } })"],
] as const) {
  test(`a child started by ${how} with an env that drops NODE_OPTIONS is measured, keeping the options it sets`, async () => {
    const parent = `import { spawn, execFileSync, fork } from 'node:child_process';\n${call};\n`;
    const result = await watchIn([{ name: 'parent.js', content: parent }], [process.execPath, 'parent.js']);
    assert.match(result.stdout, how === 'execFileSync' ? /NODE_OPTIONS has --no-deprecation\n/ : /NODE_OPTIONS has nothing\n/);
    assertLeakFound(result);
  });
}

test('util.promisify(execFile) still resolves { stdout, stderr } under watch', async () => {
  const parent = `import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const result = await promisify(execFile)(process.execPath, ['-e', "console.log(process.env.NODE_OPTIONS.includes('meter.js'))"], { env: {} });
console.log('promisified', typeof result, JSON.stringify(result.stdout));
`;
  const result = await watchIn([{ name: 'parent.js', content: parent }], [process.execPath, 'parent.js']);
  assert.equal(result.stdout, 'promisified object "true\\n"\n', result.stderr);
  assert.match(result.stderr, /2 Node processes measured/);
});
