// `watch` must never print a clean verdict over a process it did not check. A process stopped by
// SIGTERM (docker stop, Kubernetes, a test runner's forks) or a worker thread ended by terminate()
// gets no 'exit' event: each is checked before it goes. One killed outright (SIGKILL) cannot be, and
// the summary says so. Worker threads are counted as threads, each with its own requests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lesson } from '../helpers/lesson-code.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

const SERVER = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(256 * 1024))).listen(process.env.PORT, '127.0.0.1');\n";

// A client that leaves one body unread, says so, and then waits to be stopped: well inside the
// one second --idle-ms would take, so only a final check can find the leak.
const WAITING_CLIENT = `import http from 'node:http';
http.get('http://127.0.0.1:' + process.env.PORT + '/held', () => console.log('requested'));
setInterval(() => {}, 1000);
`;

/** A parent that starts client.js, stops it with `signal` once it has its response, and reports how it ended. */
const stopper = (signal: string) => `import { spawn } from 'node:child_process';
const child = spawn(process.execPath, ['client.js'], { stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', () => child.kill('${signal}'));
child.on('exit', (code, signal) => console.log('client ended', code, signal));
`;

async function watchIn(files: { name: string; content: string }[], command: string[]) {
  const dir = folderWith([...lesson(SERVER, WAITING_CLIENT), ...files]);
  const server = await startServer(dir);
  try {
    return await runBin(['watch', '--fail-on-leak', '--', ...command], { cwd: dir, env: { PORT: String(server.port) } });
  } finally {
    await server.stop();
    removeFolder(dir);
  }
}

test('a process stopped by SIGTERM is checked first, and still ends by SIGTERM', async () => {
  const result = await watchIn([{ name: 'stop.js', content: stopper('SIGTERM') }], [process.execPath, 'stop.js']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /client ended null SIGTERM/);
  assert.match(result.stderr, /unfinished responses: 1\n {2}1 × GET http:\/\/127\.0\.0\.1:\d+\/held → 200 {3}requested at client\.js:2:6/);
  assert.match(result.stderr, /stopped by SIGTERM: 1 was checked first\./);
  assert.doesNotMatch(result.stderr, /not checked/);
});

test('a program that handles SIGTERM itself keeps its handler, and is checked too', async () => {
  const client = `${WAITING_CLIENT}process.on('SIGTERM', () => { console.log('cleaned up'); process.exit(0); });\n`;
  const result = await watchIn([{ name: 'client.js', content: client }, { name: 'stop.js', content: stopper('SIGTERM') }], [process.execPath, 'stop.js']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /client ended 0 null/);
  assert.match(result.stderr, /unfinished responses: 1\n/);
});

test('a signal-exit style handler (re-raises only when it is the last listener) still ends the process', async () => {
  // What signal-exit does: if no other listener is left, remove itself and raise the signal again.
  const client = `${WAITING_CLIENT}process.on('SIGTERM', function last() {
  if (process.listeners('SIGTERM').length !== 1) return;
  process.removeListener('SIGTERM', last);
  process.kill(process.pid, 'SIGTERM');
});\n`;
  const result = await watchIn([{ name: 'client.js', content: client }, { name: 'stop.js', content: stopper('SIGTERM') }], [process.execPath, 'stop.js']);
  assert.match(result.stdout, /client ended null SIGTERM/, result.stderr);
  assert.match(result.stderr, /unfinished responses: 1\n/);
});

test('a process killed with SIGKILL is named as not checked, never passed as clean', async () => {
  const result = await watchIn([{ name: 'stop.js', content: stopper('SIGKILL') }], [process.execPath, 'stop.js']);
  assert.match(result.stdout, /client ended null SIGKILL/);
  assert.match(result.stderr, /not checked at their end: 1 \(pid \d+ \(client\.js\)\)\. Killed with SIGKILL/);
  assert.doesNotMatch(result.stderr, /No response was left unfinished/);
  assert.match(result.stderr, /No unfinished response was seen, but 1 of the 2 measured was not checked at its end \(above\)\./);
});

const WORKERS = `import { Worker, isMainThread } from 'node:worker_threads';
import http from 'node:http';
const base = 'http://127.0.0.1:' + process.env.PORT;
if (isMainThread) {
  const reader = new Worker(new URL(import.meta.url), { workerData: 'read' });
  await new Promise((resolve) => reader.once('exit', resolve));
  const holder = new Worker(new URL(import.meta.url));
  holder.on('message', async () => console.log('terminated', await holder.terminate()));
} else {
  const { workerData, parentPort } = await import('node:worker_threads');
  if (workerData === 'read') {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => http.get(base + '/read', (res) => res.resume().on('end', resolve)));
  } else {
    http.get(base + '/held-in-a-thread', () => parentPort.postMessage('requested'));
    setInterval(() => {}, 1000);
  }
}
`;

test('worker threads: counted apart from their process, and a thread ended by terminate() is checked first', async () => {
  const result = await watchIn([{ name: 'workers.js', content: WORKERS }], [process.execPath, 'workers.js']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /terminated 1/);
  assert.match(result.stderr, /1 Node process and 2 worker threads measured/);
  assert.match(result.stderr, /opened 2 {3}requests 3 /);
  assert.match(result.stderr, /unfinished responses: 1\n {2}1 × GET http:\/\/127\.0\.0\.1:\d+\/held-in-a-thread → 200 {3}requested at workers\.js:14:10/);
  assert.match(result.stderr, /stopped by worker\.terminate\(\): 1 was checked first\./);
});
