// Per-test mode: the test that leaked fails, by name, in the runner's own output, with the
// request's method, URL, status, size, the line that made it and the test's own line. Each runner
// is the real one at a pinned version (package.json), run on a project of its own that has this
// package installed the way a user would (node_modules/keep-alive-lab, resolved by its exports).
// Also here: `watch` over vitest without the set-up file, whose workers end by SIGTERM or
// terminate() and whose code runs transformed (the lines were off).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { nodeBinary } from '../helpers/node-lines.ts';
import { BIN, startServer } from '../helpers/watch-run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

const SERVER = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('x'.repeat(256 * 1024))).listen(process.env.PORT, '127.0.0.1');\n";

// Three tests: one reads its body, one leaks through a helper ten tests could share, one leaves a
// fetch body unread. `test` comes from the runner; the lines below are what the reports must name.
const TESTS = (imports: string) => `${imports}
import { getStatus } from './helpers.js';

test('reads every body', async () => {
  const res = await fetch(\`http://127.0.0.1:\${process.env.PORT}/ok\`);
  if ((await res.text()).length !== 262144) throw new Error('short body');
});

test('checks a status through a helper', async () => {
  if ((await getStatus('/status')) !== 200) throw new Error('not 200');
});

test('leaves a fetch body unread', async () => {
  const res = await fetch(\`http://127.0.0.1:\${process.env.PORT}/unread\`);
  if (res.status !== 200) throw new Error('not 200');
});
`;
const HELPERS = `import http from 'node:http';
export function getStatus(path) {
  return new Promise((resolve, reject) => {
    http.get(\`http://127.0.0.1:\${process.env.PORT}\${path}\`, (res) => resolve(res.statusCode)).on('error', reject);
  });
}
`;
/** The same helper and tests as CommonJS, which Jest runs without flags. */
const toCommonJs = (source: string) =>
  source
    .replace("import http from 'node:http';", "const http = require('node:http');")
    .replace('export function getStatus', 'exports.getStatus = function getStatus')
    .replace("import { getStatus } from './helpers.js';", "const { getStatus } = require('./helpers.js');");

/** What each report must say, whatever the runner's own layout around it. */
function assertReports(output: string, testFile: string) {
  assert.match(output, /GET http:\/\/127\.0\.0\.1:\d+\/status → 200, 262144 bytes, requested at helpers\.js:4:10, in the test at /, output);
  assert.ok(output.includes(`in the test at ${testFile}:10:`), output);
  assert.match(output, new RegExp(`GET http://127\\.0\\.0\\.1:\\d+/unread → 200, 262144 bytes, requested at ${testFile.replace('.', '\\.')}:14:21\\n`), output);
  assert.doesNotMatch(output, /\/ok → 200/, output);
}

/** A project of the user's: its files, and this package, vitest and Jest in its node_modules. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kal-per-test-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/keep-alive-lab'));
  for (const name of ['vitest', 'jest']) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  writeFileSync(join(dir, 'server.mjs'), SERVER);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function runIn(dir: string, command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const server = await startServer(dir, 'server.mjs');
  try {
    return await new Promise((resolve, reject) => {
      const { NODE_TEST_CONTEXT: _runner, NODE_OPTIONS: _options, ...env } = process.env;
      const child = spawn(command, args, { cwd: dir, env: { ...env, PORT: String(server.port), NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' } });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${command} ${args.join(' ')} did not finish in 60 s\n${output}`));
      }, 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  } finally {
    await server.stop();
  }
}

describe('node:test: node --test --import keep-alive-lab/test', () => {
  for (const line of ['20', '26'] as const) {
    test(`Node ${line}: the two tests that leaked fail by name; the one that read its body passes`, async () => {
      const node = nodeBinary(line).path;
      const dir = project({ 'package.json': '{ "type": "module" }', 'helpers.js': HELPERS, 'api.test.js': TESTS("import { test } from 'node:test';") });
      try {
        const { code, output } = await runIn(dir, node, ['--test', '--import', 'keep-alive-lab/test', 'api.test.js']);
        assert.equal(code, 1, output);
        assertReports(output, 'api.test.js');
        // Node 20 reports in TAP, 22 and later in its spec layout: either names each test's verdict.
        assert.match(output, /(✔|ok \d+ -) reads every body/);
        assert.match(output, /(✖|not ok \d+ -) checks a status through a helper/);
        assert.match(output, /(✖|not ok \d+ -) leaves a fetch body unread/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('vitest 5.1.2: setupFiles: [keep-alive-lab/vitest]', () => {
  for (const pool of ['forks', 'threads']) {
    test(`pool ${pool}: the two tests that leaked fail by name, at the lines of the source`, async () => {
      const dir = project({
        'package.json': '{ "type": "module" }',
        'vitest.config.js': "export default { test: { setupFiles: ['keep-alive-lab/vitest'] } };\n",
        'helpers.js': HELPERS,
        'api.test.js': TESTS("import { test } from 'vitest';"),
      });
      try {
        const { code, output } = await runIn(dir, process.execPath, [VITEST, 'run', `--pool=${pool}`]);
        assert.equal(code, 1, output);
        assertReports(output, 'api.test.js');
        assert.match(output, /FAIL {2}api\.test\.js > checks a status through a helper\nUnfinishedResponseError: keep-alive-lab: this test left 1 response unfinished/);
        assert.match(output, /FAIL {2}api\.test\.js > leaves a fetch body unread\n/);
        assert.match(output, /Tests {2}2 failed \| 1 passed \(3\)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

test('vitest: a test that fakes its timers (vi.useFakeTimers) is still checked, not timed out', async () => {
  const dir = project({
    'package.json': '{ "type": "module" }',
    'vitest.config.js': "export default { test: { setupFiles: ['keep-alive-lab/vitest'], testTimeout: 10000 } };\n",
    'fake.test.js': `import { test, vi } from 'vitest';
test('fakes timers and leaks', async () => {
  vi.useFakeTimers();
  const res = await fetch(\`http://127.0.0.1:\${process.env.PORT}/unread\`);
  if (res.status !== 200) throw new Error('not 200');
});
`,
  });
  try {
    const { code, output } = await runIn(dir, process.execPath, [VITEST, 'run']);
    assert.equal(code, 1, output);
    assert.match(output, /GET http:\/\/127\.0\.0\.1:\d+\/unread → 200, 262144 bytes, requested at fake\.test\.js:4:21\n/);
    assert.doesNotMatch(output, /timed out/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Jest 30.5.2: setupFilesAfterEnv: [keep-alive-lab/jest], over two test files in one worker', async () => {
  const dir = project({
    'package.json': JSON.stringify({ jest: { setupFilesAfterEnv: ['keep-alive-lab/jest'] } }),
    'helpers.js': toCommonJs(HELPERS),
    'api.test.js': toCommonJs(TESTS('')),
    // A second file, in the same process: the set-up runs again in a fresh sandbox, and this file's
    // test, which reads its body, must pass.
    'second.test.js': "test('reads its body too', async () => {\n  await (await fetch(`http://127.0.0.1:${process.env.PORT}/second`)).text();\n});\n",
  });
  try {
    const { code, output } = await runIn(dir, process.execPath, [JEST, '--runInBand']);
    assert.equal(code, 1, output);
    assertReports(output.replace(/\n {6}/g, '\n'), 'api.test.js');
    assert.match(output, /● checks a status through a helper\n\n {4}UnfinishedResponseError: keep-alive-lab: this test left 1 response unfinished/);
    assert.match(output, /● leaves a fetch body unread\n/);
    assert.match(output, /Tests: {7}2 failed, 2 passed, 4 total/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('watch over vitest without the set-up file', () => {
  for (const pool of ['forks', 'threads']) {
    test(`pool ${pool}: both leaks found at the lines of the source, exit 1`, async () => {
      const dir = project({ 'package.json': '{ "type": "module" }', 'helpers.js': HELPERS, 'api.test.js': TESTS("import { test } from 'vitest';") });
      try {
        const { code, output } = await runIn(dir, process.execPath, [BIN, 'watch', '--fail-on-leak', '--', process.execPath, VITEST, 'run', `--pool=${pool}`]);
        assert.equal(code, 1, output);
        assert.match(output, /unfinished responses: 2\n/);
        assert.match(output, /1 × GET http:\/\/127\.0\.0\.1:\d+\/status → 200 {3}requested at helpers\.js:4:10\n/);
        assert.match(output, /1 × GET http:\/\/127\.0\.0\.1:\d+\/unread → 200 {3}requested at api\.test\.js:14:21\n/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
