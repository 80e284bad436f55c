// `keep-alive-lab watch` against every lesson: each starter that leaks is caught at the line of
// client.js that makes the request, and exits 1 with --fail-on-leak; each solution comes out clean.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';
import { lessonsOnDisk } from '../helpers/lessons.ts';
import { folderWith, removeFolder, runBin, startServer } from '../helpers/watch-run.ts';

/** The starters whose client leaves responses unread; the others read or destroy every body. */
const LEAKING_STARTERS = new Set(['02-the-leak', '04-fetch', '05-pool-limits', '07-finding-leaks', '08-the-go-original']);

/**
 * Starters that fail on purpose and exit 1 themselves: the reuse race's client counts its failed
 * jobs, the proxy lesson's its users' 502s.
 */
const FAILING_STARTERS = new Set(['09-the-reuse-race', '11-a-proxy-in-the-middle']);
/**
 * Starters that wait on a response the server stalls (lesson 10): the response is unfinished for
 * longer than --idle-ms, and watch reports it where it was requested, as it would a body left unread.
 */
const STALLED_STARTERS = new Set(['10-deadlines']);

/** The lines of a lesson's starter client.js that make requests. */
function requestLinesOf(lessonFolder: string): number[] {
  return requestLines(join(lessonFolder, 'files'));
}

/** The lines of client.js that make requests. */
function requestLines(dir: string): number[] {
  const lines = readFileSync(join(dir, 'client.js'), 'utf8').split('\n');
  return lines.flatMap((line, index) => (/\b(?:http\.get|http\.request|fetch)\(/.test(line) ? [index + 1] : []));
}

async function watchLesson(files: ReturnType<typeof readLessonFiles>, command: string[], options: string[] = ['--fail-on-leak']) {
  const dir = folderWith(files);
  const server = await startServer(dir);
  try {
    const result = await runBin(['watch', ...options, '--', ...command], { cwd: dir, env: { PORT: String(server.port) } });
    const lines = requestLines(dir);
    // Where a report names its place, the client must make its requests from one line.
    const line = () => {
      assert.equal(lines.length, 1, `expected one request call in client.js, found lines ${lines.join(', ')}`);
      return lines[0]!;
    };
    return { ...result, get line() { return line(); } };
  } finally {
    await server.stop();
    removeFolder(dir);
  }
}

for (const lesson of lessonsOnDisk()) {
  describe(lesson.id, () => {
    const leaks = LEAKING_STARTERS.has(lesson.id) || STALLED_STARTERS.has(lesson.id);
    test(`starter: ${leaks ? 'unfinished responses at the request line of client.js, exit 1' : 'no unfinished response, exit 0'}`, async () => {
      const result = await watchLesson(readLessonFiles(lesson.folder, 'starter'), [process.execPath, 'client.js']);
      const { code, stderr } = result;
      if (leaks) {
        assert.equal(code, 1, stderr);
        // A stalled starter makes one more request, after the stall: its report is at the first.
        const line = STALLED_STARTERS.has(lesson.id) ? requestLinesOf(lesson.folder)[0] : result.line;
        assert.match(stderr, new RegExp(`unfinished responses: \\d+\\n  \\d+ × GET http://127\\.0\\.0\\.1:\\d+/[^\\s,]*(?:, /[^\\s,]*)*(?: and \\d+ more)? → \\d+(?:, \\d+)*\\s+requested at client\\.js:${line}:\\d+`));
        // --fail-on-leak turns a 0 into 1; a starter that fails by itself (lesson 7's tests) keeps its code.
        const own = Number(/the command exited with code (\d+)\./.exec(stderr)?.[1]);
        assert.match(stderr, own === 0 ? /never read to the end.*Exit code 1 \(--fail-on-leak\)/ : /never read to the end\./);
      } else {
        assert.equal(code, FAILING_STARTERS.has(lesson.id) ? 1 : 0, stderr);
        assert.match(stderr, /unfinished responses: none\nNo response was left unfinished\./);
      }
    });

    test('solution: no unfinished response, exit 0', async () => {
      const { code, stderr } = await watchLesson(readLessonFiles(lesson.folder, 'solution'), [process.execPath, 'client.js']);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /1 Node process measured; the command exited with code 0\./);
      assert.match(stderr, /unfinished responses: none\nNo response was left unfinished\./);
    });
  });
}

describe('lesson 7’s test file under watch -- node --test', () => {
  const lesson = lessonsOnDisk().find((candidate) => candidate.id === '07-finding-leaks')!;

  test('the starter: the tests fail, and the leak is at the request line', async () => {
    const { code, stderr, line } = await watchLesson(readLessonFiles(lesson.folder, 'starter'), [process.execPath, '--test', 'client.js']);
    assert.equal(code, 1, stderr);
    assert.match(stderr, new RegExp(`requested at client\\.js:${line}:\\d+`));
  });

  test('the solution: the tests pass, nothing unfinished, exit 0', async () => {
    const { code, stderr } = await watchLesson(readLessonFiles(lesson.folder, 'solution'), [process.execPath, '--test', 'client.js']);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /measured; the command exited with code 0\./);
    assert.match(stderr, /unfinished responses: none/);
  });
});

describe('one meter: a lesson’s server numbers under watch are the lab’s', () => {
  // server.js and client.js both under watch, started the way the lab's runner starts them: the
  // server first, the client once it listens; the server stops a moment after the client exits.
  const LAUNCHER = `import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
const port = await new Promise((resolve) => { const probe = createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); }); });
const env = { ...process.env, PORT: String(port) };
const server = spawn(process.execPath, ['server.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve()));
const client = spawn(process.execPath, ['client.js'], { env, stdio: 'inherit' });
await new Promise((resolve) => client.once('exit', resolve));
await new Promise((resolve) => setTimeout(resolve, 500));
server.kill('SIGKILL');
`;
  const lesson = lessonsOnDisk().find((candidate) => candidate.id === '02-the-leak')!;

  for (const variant of ['starter', 'solution']) {
    test(`02-the-leak ${variant}: accepted connections and requests as the lab's run counts them`, async () => {
      const { summarise } = await import('../../src/run/claims.ts');
      const { runVariant } = await import('../helpers/lessons.ts');
      const lab = summarise((await runVariant(lesson, variant)).events);
      const dir = folderWith([...readLessonFiles(lesson.folder, variant), { name: 'launch.js', content: LAUNCHER }]);
      try {
        const result = await runBin(['watch', '--json', 'out.jsonl', '--', process.execPath, 'launch.js'], { cwd: dir });
        const summary = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line)).at(-1);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(
          { accepted: summary.server.accepted, requests: summary.server.requests },
          { accepted: lab.accepted, requests: lab.requests },
        );
      } finally {
        removeFolder(dir);
      }
    });
  }
});

describe('the reuse race under watch: each request that failed on a reused connection, at its line', () => {
  const lesson = lessonsOnDisk().find((candidate) => candidate.id === '09-the-reuse-race')!;

  test('node:http: the starter’s job 2, ECONNRESET after about 2.5 s idle past the 2 s hint; the starter fails by itself, and keeps its code', async () => {
    const { code, stderr, line } = await watchLesson(readLessonFiles(lesson.folder, 'starter'), [process.execPath, 'client.js'], ['--fail-on-reset']);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /requests failed on a reused connection: 1\n/);
    const report = new RegExp(
      `1 × GET http://127\\.0\\.0\\.1:\\d+/jobs/2: ECONNRESET socket hang up \\(after (\\d+) ms idle, longer than the 2 s the server announced; the server had said Keep-Alive: timeout=2\\)\\s+requested at client\\.js:${line}:\\d+`,
    );
    const idle = Number(report.exec(stderr)?.[1]);
    assert.ok(idle >= 2500 && idle < 4000, `idle ${idle} ms, expected the 2.5 s of work:\n${stderr}`);
    assert.match(stderr, /the command exited with code 1\./);
    assert.match(stderr, /Retry an idempotent request once/);
    assert.doesNotMatch(stderr, /Exit code 1 \(--fail-on-reset\)/);
  });

  test('the solution retries, and watch still names the reset it retried; the program exits 0, and --fail-on-reset makes it 1', async () => {
    const plain = await watchLesson(readLessonFiles(lesson.folder, 'solution'), [process.execPath, 'client.js'], []);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, /requests failed on a reused connection: 2\n/);
    assert.doesNotMatch(plain.stderr, /--fail-on-reset/);
    const gated = await watchLesson(readLessonFiles(lesson.folder, 'solution'), [process.execPath, 'client.js'], ['--fail-on-reset']);
    assert.equal(gated.code, 1, gated.stderr);
    assert.match(gated.stderr, /the command exited with code 0\./);
    assert.match(gated.stderr, /Retry an idempotent request once.*Exit code 1 \(--fail-on-reset\)\./);
  });

  test('fetch: the GET and the POST the server closed under, as UND_ERR_SOCKET other side closed, with the hint', async () => {
    const { stderr, line } = await watchLesson(readLessonFiles(lesson.folder, 'fetch-closed'), [process.execPath, 'client.js'], []);
    assert.match(stderr, /requests failed on a reused connection: 2\n/);
    assert.match(stderr, new RegExp(`reset on a reused connection: GET http://127\\.0\\.0\\.1:\\d+/jobs/2: UND_ERR_SOCKET other side closed \\(after \\d+ ms idle; the server had said Keep-Alive: timeout=5\\), requested at client\\.js:${line}:\\d+`));
  });

  test('a run with no reuse failure reports none', async () => {
    const { code, stderr } = await watchLesson(readLessonFiles(lesson.folder, 'server-longer'), [process.execPath, 'client.js'], ['--fail-on-reset']);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /reused connection/);
  });
});

describe('the proxy’s 502s under watch: the reset behind each, at the line where the proxy forwards', () => {
  const lesson = lessonsOnDisk().find((candidate) => candidate.id === '11-a-proxy-in-the-middle')!;
  const forwardLine = readFileSync(join(lesson.folder, 'files', 'client.js'), 'utf8')
    .split('\n')
    .findIndex((text) => /http\.request\(/.test(text)) + 1;

  test('the starter: two resets after about 2.5 s idle past the 2 s hint, at the proxy’s http.request, and the users’ own exit code 1', async () => {
    assert.ok(forwardLine > 0, 'the proxy forwards with http.request');
    const { code, stderr } = await watchLesson(readLessonFiles(lesson.folder, 'starter'), [process.execPath, 'client.js'], ['--fail-on-reset']);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /requests failed on a reused connection: 2\n/);
    // As it happens, a line for the first reset at a place; in the summary, both in one group there.
    const live = [...stderr.matchAll(/reset on a reused connection: GET http:\/\/127\.0\.0\.1:\d+\/orders\/(\d): ECONNRESET socket hang up \(after (\d+) ms idle, longer than the 2 s the server announced; the server had said Keep-Alive: timeout=2\), requested at client\.js:(\d+):\d+/g)];
    assert.deepEqual(live.map((match) => match[1]), ['2'], stderr);
    for (const match of live) {
      const idle = Number(match[2]);
      assert.ok(idle >= 2500 && idle < 4000, `idle ${idle} ms, expected the user's 1.5 s and the proxy's 1 s of work:\n${stderr}`);
      assert.equal(Number(match[3]), forwardLine, stderr);
    }
    assert.match(stderr, new RegExp(`2 × GET http://127\\.0\\.0\\.1:\\d+/orders/2, /orders/4: ECONNRESET socket hang up \\(after \\d+ ms idle[^)]*\\)\\s+requested at client\\.js:${forwardLine}:\\d+`));
    assert.match(stderr, /the command exited with code 1\./);
  });

  test('the solution: no reset, and the users’ exit code 0', async () => {
    const { code, stderr } = await watchLesson(readLessonFiles(lesson.folder, 'solution'), [process.execPath, 'client.js'], ['--fail-on-reset']);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /reused connection/);
  });
});
