// The first error a failing process printed, named in the run's failure message with its file and
// line. Real runs on real Node lines (the oldest the lab's tools support and the pinned one), so a
// change in how Node prints an uncaught error shows here first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findFirstError } from '../../src/run/first-error.ts';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';
import { nodeBinary } from '../helpers/node-lines.ts';

const LISTENING_SERVER = `
const http = require('node:http');
http.createServer((req, res) => res.end('ok')).listen(process.env.PORT, '127.0.0.1');
`;

async function run(node: string, client: string, server = LISTENING_SERVER): Promise<{ end: RunEnd; stderr: string }> {
  let stderr = '';
  const end = await runLesson({
    node,
    files: [
      { name: 'server.js', content: server },
      { name: 'client.js', content: client },
    ],
    signal: AbortSignal.timeout(20_000),
    onEvent: (event: RunEvent) => {
      if (event.type === 'output' && event.stream === 'stderr') stderr += event.text;
    },
  });
  return { end, stderr };
}

for (const line of ['20', '26'] as const) {
  const node = nodeBinary(line).path;

  describe(`the first error on Node ${line}`, () => {
    it('a syntax error: its file and line, not Node’s internal frames', async () => {
      const { end, stderr } = await run(node, "const a = 1;\nconsole.log('hi');\nlet x = ;\n");
      assert.match(stderr, /node:internal/, 'Node printed its own frames under the error');
      assert.equal(end.reason, 'failed');
      assert.deepEqual(end.firstError, { process: 'client', text: "SyntaxError: Unexpected token ';'", where: 'client.js:3' });
      assert.match(end.message ?? '', /^client\.js:3: SyntaxError: Unexpected token ';' — client\.js exited with code 1\. The error is marked in the Output panel\.$/);
    });

    it('a thrown Error: the line that threw', async () => {
      const { end } = await run(node, "console.log('a');\n\nfunction f() {\n  throw new Error('boom');\n}\nf();\n");
      assert.deepEqual(end.firstError, { process: 'client', text: 'Error: boom', where: 'client.js:4' });
    });

    it('an unhandled rejection in an async function: the line that threw', async () => {
      const { end } = await run(node, "async function main() {\n  await null;\n  throw new TypeError('bad thing');\n}\nmain();\n");
      assert.deepEqual(end.firstError, { process: 'client', text: 'TypeError: bad thing', where: 'client.js:3' });
    });

    it('a rejection with no Error: the error line, and no place in Node’s own code', async () => {
      const { end } = await run(node, "Promise.reject('plain');\n");
      assert.equal(end.firstError?.where, undefined);
      assert.match(end.firstError?.text ?? '', /^UnhandledPromiseRejection: .*"plain"/);
      assert.match(end.message ?? '', /^client\.js: UnhandledPromiseRejection: /);
    });

    it('an error raised inside Node (a refused connection): the error line, and no made-up place', async () => {
      const client = "const http = require('node:http');\nasync function main() {\n  await new Promise((ok, fail) => http.get('http://127.0.0.1:1/', ok).on('error', fail));\n}\nmain();\n";
      const { end } = await run(node, client);
      assert.match(end.firstError?.text ?? '', /^Error: connect ECONNREFUSED 127\.0\.0\.1:1$/);
      assert.equal(end.firstError?.where, undefined);
    });
  });
}

describe('what a failed run says when there is no error line', () => {
  const node = nodeBinary('26').path;

  it('a server.js that never listens and prints nothing is told exactly that, and what to do', async () => {
    const { end } = await run(node, "console.log('never started');\n", '// nothing yet\n');
    assert.equal(end.reason, 'failed');
    assert.equal(
      end.message,
      'server.js exited with code 0 without listening and without printing anything, so client.js was not started. server.js has to start a server and keep it open: call server.listen(process.env.PORT).',
    );
    assert.doesNotMatch(end.message ?? '', /above|below/);
  });

  it('a syntax error in an ES module (as lessons are written): its file and line', async () => {
    const { end } = await run(node, "import http from 'node:http';\n\nconst port = Number(process.env.PORT);\nlet x = ;\n");
    assert.deepEqual(end.firstError, { process: 'client', text: "SyntaxError: Unexpected token ';'", where: 'client.js:4' });
  });

  it('a client that exits with a code and prints nothing is told it printed nothing', async () => {
    const { end } = await run(node, 'process.exitCode = 3;\n');
    assert.equal(end.message, 'client.js exited with code 3 without printing anything. Log what it does (console.log) to see how far it gets.');
  });

  it('a client that prints something else before failing is pointed to the Output panel', async () => {
    const { end } = await run(node, "console.log('working');\nprocess.exitCode = 2;\n");
    assert.equal(end.message, 'client.js exited with code 2. What it printed is in the Output panel.');
  });
});

describe('findFirstError on what Node printed', () => {
  it('takes the first error line, not a later one', () => {
    const stderr = 'warming up\n/tmp/run/client.js:7\n  throw e;\n  ^\n\nRangeError: first\n    at x (/tmp/run/client.js:7:3)\nTypeError: second\n';
    assert.deepEqual(findFirstError(stderr), { text: 'RangeError: first', where: 'client.js:7' });
  });

  it('skips installed packages for the learner’s own frame, and ignores terminal colours', () => {
    const stderr = '\x1b[31mError [ERR_X]: nope\x1b[39m\n    at lib (/tmp/run/node_modules/undici/index.js:9:1)\n    at main (/tmp/run/client.js:12:5)\n';
    assert.deepEqual(findFirstError(stderr), { text: 'Error [ERR_X]: nope', where: 'client.js:12' });
  });

  it('finds nothing in output with no error line', () => {
    assert.equal(findFirstError('200 OK\nall errors handled: 0\n'), undefined);
  });
});
