// `keep-alive-lab watch` as a command: bad input gets a clear message, the program's own output and
// exit code pass through untouched, Ctrl+C leaves nothing behind, --json writes what it saw, and
// Node 20 (the oldest Node it supports) runs it too.
// (What it prints, the panel and the report's lines, is test/watch/watch-output.test.ts.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { nodeTooOld, parseWatchArgs } from '../../src/watch/args.js';
import { isAlive, waitUntilGone } from '../helpers/processes.ts';
import { lesson } from '../helpers/lesson-code.ts';
import { nodeBinary } from '../helpers/node-lines.ts';
import { BIN, folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

describe('arguments', () => {
  test('options before --, the command and its own arguments after', () => {
    assert.deepEqual(parseWatchArgs(['--fail-on-leak', '--fail-on-reset', '--idle-ms', '250', '--no-stacks', '--json', 'out.jsonl', '--', 'npm', 'test', '--', '-x']), {
      options: { failOnLeak: true, failOnReset: true, idleMs: 250, stacks: false, allStacks: false, json: 'out.jsonl' },
      command: 'npm',
      args: ['test', '--', '-x'],
    });
  });

  test('without --, the first word that is not an option is the command', () => {
    assert.deepEqual(parseWatchArgs(['node', '--test']), { options: { failOnLeak: false, failOnReset: false, idleMs: 1000, stacks: true, allStacks: false }, command: 'node', args: ['--test'] });
  });

  test('a typo or a missing value is an error, never ignored', () => {
    assert.deepEqual(parseWatchArgs(['--fail-on-leaks', '--', 'node']), { error: 'Unknown option --fail-on-leaks.' });
    assert.deepEqual(parseWatchArgs(['--idle-ms', 'soon', '--', 'node']), { error: '--idle-ms needs a whole number of milliseconds, not "soon".' });
    assert.deepEqual(parseWatchArgs(['--json']), { error: '--json needs a value.' });
    assert.deepEqual(parseWatchArgs(['--']), { error: 'No command to run.' });
  });
});

describe('bad input', () => {
  test('a Node older than the preload needs is named, with the version it needs', () => {
    assert.equal(nodeTooOld('20.5.1'), 'keep-alive-lab watch needs Node 20.6 or newer (it preloads the meter with --import); this is Node 20.5.1.');
    assert.match(nodeTooOld('18.20.0') ?? '', /needs Node 20\.6 or newer.*this is Node 18\.20\.0/);
    for (const version of ['20.6.0', '20.20.2', '22.23.3', '24.0.0']) assert.equal(nodeTooOld(version), undefined, version);
  });

  test('no command: the usage on stderr, exit 2', async () => {
    const result = await runBin(['watch'], { cwd: process.cwd() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^keep-alive-lab watch: No command to run\.\n\nUsage: keep-alive-lab watch \[options\] -- <command>/);
    assert.equal(result.stdout, '');
  });

  test('a command that does not exist: exit 127, with its name', async () => {
    const result = await runBin(['watch', '--', 'no-such-command-kal'], { cwd: process.cwd() });
    assert.equal(result.code, 127);
    assert.equal(result.stderr, 'keep-alive-lab watch: command not found: no-such-command-kal\n');
  });

  test('a --json file that cannot be written is named, exit 2, and nothing runs', async () => {
    const result = await runBin(['watch', '--json', '/no-such-folder-kal/out.jsonl', '--', process.execPath, '-e', "console.log('ran')"], { cwd: process.cwd() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^keep-alive-lab watch: cannot write --json \/no-such-folder-kal\/out\.jsonl: ENOENT/);
    assert.equal(result.stdout, '');
  });

  test('an unknown verb names itself and shows the usage', async () => {
    const result = await runBin(['wach'], { cwd: process.cwd() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^keep-alive-lab: unknown command "wach"\.\n\nUsage:/);
  });
});

describe('the program is not changed', () => {
  test('its stdout is exactly its own, and its exit code passes through', async () => {
    const dir = folderWith([{ name: 'app.js', content: "console.log('line one');\nprocess.stdout.write('two');\nprocess.exitCode = 3;\n" }]);
    try {
      const result = await runBin(['watch', '--', process.execPath, 'app.js'], { cwd: dir });
      assert.equal(result.stdout, 'line one\ntwo');
      assert.equal(result.code, 3);
      assert.match(result.stderr, /the command exited with code 3\./);
    } finally {
      removeFolder(dir);
    }
  });

  test('a body read only after a pause is read whole: the meter starts nothing flowing', async () => {
    // The client waits 300 ms before reading; if the meter had made the body flow, 'data' would
    // have been emitted with no listener and the text would come back empty.
    const files = lesson(
      "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(100000))).listen(process.env.PORT, '127.0.0.1');\n",
      "import http from 'node:http';\nhttp.get(`http://127.0.0.1:${process.env.PORT}/`, (res) => {\n  setTimeout(() => {\n    let n = 0;\n    res.on('data', (c) => (n += c.length));\n    res.on('end', () => console.log('read ' + n));\n  }, 300);\n});\n",
    );
    const dir = folderWith(files);
    const server = await startServer(dir);
    try {
      const result = await runBin(['watch', '--fail-on-leak', '--', process.execPath, 'client.js'], { cwd: dir, env: { PORT: String(server.port) } });
      assert.equal(result.stdout, 'read 100000\n');
      assert.equal(result.code, 0, result.stderr);
    } finally {
      await server.stop();
      removeFolder(dir);
    }
  });
});

test('Node processes the command starts are measured too, as `npm test` starts `node --test`', async () => {
  const files = lesson(
    "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(200000))).listen(process.env.PORT, '127.0.0.1');\n",
    "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nawait new Promise((resolve) => http.get({ host: '127.0.0.1', port: process.env.PORT, agent }, resolve));\nagent.destroy();\n",
  );
  const dir = folderWith([...files, { name: 'parent.js', content: "import { spawnSync } from 'node:child_process';\nspawnSync(process.execPath, ['client.js'], { stdio: 'inherit' });\n" }]);
  const server = await startServer(dir);
  try {
    const result = await runBin(['watch', '--fail-on-leak', '--', process.execPath, 'parent.js'], { cwd: dir, env: { PORT: String(server.port) } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /2 Node processes measured/);
    assert.match(result.stderr, /1 × GET http:\/\/127\.0\.0\.1:\d+\/ → 200\s+requested at client\.js:3:\d+/);
  } finally {
    await server.stop();
    removeFolder(dir);
  }
});

test('--fail-on-leak turns a 0 into 1 when a response was left unfinished, and a command that failed keeps its own code', async () => {
  const leakingClient = (exitCode: number) =>
    `import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nawait new Promise((resolve) => http.get({ host: '127.0.0.1', port: process.env.PORT, agent }, resolve));\nagent.destroy();\nprocess.exitCode = ${exitCode};\n`;
  const server = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(200000))).listen(process.env.PORT, '127.0.0.1');\n";
  for (const [own, expected] of [[0, 1], [3, 3]] as const) {
    const dir = folderWith(lesson(server, leakingClient(own)));
    const started = await startServer(dir);
    try {
      const result = await runBin(['watch', '--fail-on-leak', '--', process.execPath, 'client.js'], { cwd: dir, env: { PORT: String(started.port) } });
      assert.equal(result.code, expected, result.stderr);
      assert.match(result.stderr, new RegExp(`the command exited with code ${own}\\.`));
      assert.match(result.stderr, /1 × GET http:\/\/127\.0\.0\.1:\d+\/ → 200\s+requested at client\.js:3:\d+/);
      if (own === 0) assert.match(result.stderr, /Exit code 1 \(--fail-on-leak\)\./);
      else assert.doesNotMatch(result.stderr, /--fail-on-leak/);
    } finally {
      await started.stop();
      removeFolder(dir);
    }
  }
});

test('Ctrl+C reaches the command, and no process is left behind', async () => {
  const dir = folderWith([{ name: 'app.js', content: "console.log('pid:' + process.pid);\nsetInterval(() => {}, 1000);\n" }]);
  try {
    const watcher = spawn(process.execPath, [BIN, 'watch', '--', process.execPath, 'app.js'], { cwd: dir });
    let stdout = '';
    watcher.stdout.on('data', (chunk) => (stdout += chunk));
    const deadline = Date.now() + 10_000;
    while (!/pid:\d+/.test(stdout)) {
      assert.ok(Date.now() < deadline, 'the command did not start');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const child = Number(/pid:(\d+)/.exec(stdout)![1]);
    const exited = new Promise<number | null>((resolve) => watcher.once('exit', (code) => resolve(code)));
    watcher.kill('SIGINT');
    assert.equal(await exited, 130);
    await waitUntilGone([child, watcher.pid!]);
    assert.equal(isAlive(child), false);
  } finally {
    removeFolder(dir);
  }
});

test('--json writes each process, every sample and finding (with its status and the time), and a summary, as JSON Lines', async () => {
  const files = lesson(
    "import http from 'node:http';\nhttp.createServer((req, res) => res.end('ok')).listen(process.env.PORT, '127.0.0.1');\n",
    "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nhttp.get({ host: '127.0.0.1', port: process.env.PORT, agent }, () => {});\nsetTimeout(() => agent.destroy(), 300);\n",
  );
  const dir = folderWith(files);
  const server = await startServer(dir);
  try {
    const result = await runBin(['watch', '--json', 'out.jsonl', '--', process.execPath, 'client.js'], { cwd: dir, env: { PORT: String(server.port) } });
    assert.equal(result.code, 0, result.stderr);
    const records = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const findings = records.filter((record) => record.type === 'finding');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].reason, 'closed');
    assert.equal(findings[0].status, 200);
    assert.match(findings[0].at, /client\.js:3:6$/);
    const processes = records.filter((record) => record.type === 'process');
    assert.deepEqual(
      processes.map((record) => [record.pid, record.argv.at(-1)]),
      [[findings[0].pid, join(dir, 'client.js')]],
      'the finding’s pid is the process that ran client.js',
    );
    for (const record of [...processes, findings[0]]) {
      assert.ok(Math.abs(Date.parse(record.time) - Date.now()) < 60_000, `a wall-clock time: ${record.time}`);
    }
    assert.ok(records.some((record) => record.type === 'sample'));
    assert.deepEqual(records.at(-1), {
      type: 'summary',
      exitCode: 0,
      processes: 1,
      threads: 0,
      unchecked: [],
      findings: 1,
      resets: 0,
      server: { open: 0, accepted: 0, requests: 0 },
      origins: { [`http://127.0.0.1:${server.port}`]: { requests: 1, opened: 1, open: 0, busy: 0 } },
    });
  } finally {
    await server.stop();
    removeFolder(dir);
  }
});

// The oldest line watch supports, installed beside the pinned Node (node20@npm:node@20…).
const node20 = nodeBinary('20').path;

test('on Node 20, the leak lesson is caught at the same line', async () => {
  const files = lesson(
    "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(200000))).listen(process.env.PORT, '127.0.0.1');\n",
    "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nfor (let i = 0; i < 3; i++) await new Promise((resolve) => http.get({ host: '127.0.0.1', port: process.env.PORT, agent }, resolve));\nagent.destroy();\n",
  );
  const dir = folderWith(files);
  const server = await startServer(dir);
  try {
    const result = await runBin(['watch', '--fail-on-leak', '--', node20, 'client.js'], { cwd: dir, env: { PORT: String(server.port) }, node: node20 });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /3 × GET http:\/\/127\.0\.0\.1:\d+\/ → 200\s+requested at client\.js:3:\d+/);
  } finally {
    await server.stop();
    removeFolder(dir);
  }
});

test('a request the program itself ends on a reused connection is not reported as a reset', async () => {
  // The second request on the pooled connection hangs; the client gives up on it after 300 ms.
  const files = lesson(
    "import http from 'node:http';\nlet n = 0;\nhttp.createServer((req, res) => { if (++n === 1) res.end('ok'); }).listen(process.env.PORT, '127.0.0.1');\n",
    [
      "import http from 'node:http';",
      'const agent = new http.Agent({ keepAlive: true });',
      "const get = () => new Promise((resolve) => { const req = http.get({ host: '127.0.0.1', port: process.env.PORT, agent }, (res) => { res.resume(); res.on('end', resolve); }); req.setTimeout(300, () => req.destroy(new Error('gave up'))); req.on('error', (error) => { console.log(req.reusedSocket, error.message); resolve(); }); });",
      'await get();',
      'await get();',
      'agent.destroy();',
      '',
    ].join('\n'),
  );
  const dir = folderWith(files);
  const server = await startServer(dir);
  try {
    const result = await runBin(['watch', '--fail-on-reset', '--', process.execPath, 'client.js'], { cwd: dir, env: { PORT: String(server.port) } });
    assert.match(result.stdout, /^true gave up$/m, 'the second request was on the reused connection, and the program ended it');
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /reused connection/);
  } finally {
    await server.stop();
    removeFolder(dir);
  }
});
