// The WebContainer adapter against a fake WebContainer (typed against @webcontainer/api) whose
// processes are real Node processes: mount, spawn, output, exit codes, kill, and a boot that
// never settles, as measured when stackblitz.com cannot be reached.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkClaim, summarise } from '../src/lessons/claims.ts';
import { readLessonFiles } from '../src/lessons/lesson-files.ts';
import type { RuntimeStatus } from '../src/runtime/runtime.ts';
import { plainText } from '../src/runtime/webcontainer/webcontainer-launcher.ts';
import { WebContainerRuntime, type WebContainerRuntimeOptions } from '../src/runtime/webcontainer/webcontainer-runtime.ts';
import type { RunEvent } from '../src/schemas/run-events.ts';
import { FakeWebContainer } from './fakes/fake-webcontainer.ts';
import { HANGING_CLIENT, LISTENING_SERVER, QUICK_CLIENT, lesson } from './helpers/lesson-code.ts';
import { lessonsOnDisk } from './helpers/lessons.ts';
import { printedPids, waitUntilGone } from './helpers/processes.ts';

const meterSource = readFileSync(new URL('../src/meter/meter.js', import.meta.url), 'utf8');
const bootstrapSource = readFileSync(new URL('../src/meter/bootstrap.js', import.meta.url), 'utf8');
const workdirs: string[] = [];
after(() => workdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(overrides: Partial<WebContainerRuntimeOptions> = {}) {
  const workdir = mkdtempSync(join(tmpdir(), 'fake-webcontainer-'));
  workdirs.push(workdir);
  const container = new FakeWebContainer(workdir);
  let boots = 0;
  const runtime = new WebContainerRuntime({
    boot: async () => {
      boots += 1;
      return container;
    },
    meterSource,
    bootstrapSource,
    nodeMajor: 22,
    limits: { listenTimeoutMs: 2_000, timeLimitMs: 10_000 },
    ...overrides,
  });
  const statuses: RuntimeStatus[] = [];
  runtime.onStatus((status) => statuses.push(status));
  return { runtime, container, statuses, boots: () => boots };
}

async function run(runtime: WebContainerRuntime, files: ReturnType<typeof lesson>, signal = new AbortController().signal) {
  const events: RunEvent[] = [];
  const end = await runtime.run({ files, signal, onEvent: (event) => events.push(event) });
  const output = events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
  return { end, events, output };
}

describe('WebContainer adapter', () => {
  test('runs the leak lesson: the meter counts inside the container and the lesson’s claims hold', async () => {
    const { runtime } = setup();
    const leak = lessonsOnDisk().find((candidate) => candidate.id.endsWith('the-leak'));
    assert.ok(leak);
    for (const variant of ['starter', 'solution'] as const) {
      const { end, events } = await run(runtime, readLessonFiles(leak.folder, variant));
      assert.equal(end.reason, 'completed', end.message);
      for (const claim of leak.frontmatter.claims.filter((candidate) => candidate.run === variant)) {
        assert.deepEqual(checkClaim(claim, events), [], `${variant}: ${claim.says} — measured ${JSON.stringify(summarise(events))}`);
      }
    }
  });

  test('boots once for many runs, and mounts the project, the meter and each run’s files', async () => {
    const { runtime, container, boots } = setup();
    await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(boots(), 1);
    const packageJson = JSON.parse(readFileSync(join(container.workdir, 'package.json'), 'utf8'));
    assert.equal(packageJson.engines.node, '22.22.0');
    assert.equal(readFileSync(join(container.workdir, '.nvmrc'), 'utf8').trim(), 'v22.22.0');
    assert.deepEqual(
      container.spawned.map((spawn) => [spawn.command, spawn.args.join(' '), spawn.options?.cwd]),
      [
        ['node', '.lab/bootstrap.js server.js', 'runs/1'],
        ['node', '.lab/bootstrap.js client.js', 'runs/1'],
        ['node', '.lab/bootstrap.js server.js', 'runs/2'],
        ['node', '.lab/bootstrap.js client.js', 'runs/2'],
      ],
    );
    assert.equal(existsSync(join(container.workdir, 'runs/1')), false, 'a run’s folder is removed after it');
  });

  test('passes output on as plain text, without terminal colours or \\r\\n, and reports exit codes', async () => {
    const { runtime } = setup();
    const { end, events, output } = await run(runtime, lesson(LISTENING_SERVER, "console.log('one'); throw new Error('boom');"));
    assert.equal(end.reason, 'failed');
    assert.match(end.message ?? '', /client\.js exited with code 1/);
    assert.match(output, /one\n/);
    assert.match(output, /Error: boom/);
    assert.doesNotMatch(output, /\r|\x1b/);
    const exits = events.filter((event) => event.type === 'exit');
    assert.deepEqual(
      exits.map((exit) => [exit.process, exit.code, exit.stoppedByLab]),
      [
        ['client', 1, false],
        ['server', null, true],
      ],
    );
  });

  test('Stop kills both processes', async () => {
    const { runtime } = setup();
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const ended = runtime.run({ files: lesson(LISTENING_SERVER, HANGING_CLIENT), signal: controller.signal, onEvent: (event) => events.push(event) });
    const pids = async () => printedPids(events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join(''));
    while ((await pids()).length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    assert.equal((await ended).reason, 'stopped');
    await waitUntilGone(await pids());
  });

  test('a boot that never settles ends in a clear message, and later runs fail at once', async () => {
    const { runtime, statuses } = setup({ boot: () => new Promise(() => {}), bootTimeoutMs: 300 });
    const first = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(first.end.reason, 'failed');
    assert.match(first.end.message ?? '', /did not start in this browser within 0\.3 s.*offline.*ad blocker.*npm install && npm start.*Only a reload/);
    assert.equal(statuses[0]?.state, 'booting');
    assert.deepEqual(statuses.at(-1), { state: 'failed', message: first.end.message });
    const startedAt = performance.now();
    const second = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(second.end.message, first.end.message);
    assert.ok(performance.now() - startedAt < 100, 'no second wait: only a reload can retry');
  });

  test('a boot that fails says why and what to do', async () => {
    const { runtime } = setup({ boot: () => Promise.reject(new Error('Unable to create more instances')) });
    const { end } = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.match(end.message ?? '', /WebContainer could not start: Unable to create more instances.*npm install && npm start/);
  });
});

test('plainText removes terminal colours and carriage returns', () => {
  assert.equal(plainText('\x1b[31mred\x1b[39m\r\nnext\r\n'), 'red\nnext\n');
  assert.equal(plainText('\x1b[2K\x1b[1Gdone'), 'done');
});
