// The WebContainer adapter against a fake WebContainer (typed against @webcontainer/api) whose
// processes are real Node processes, made to misbehave the way a live container might: a late
// boot, 'port' and 'error' events, an exit that never comes, output split mid-escape, a Node
// without a diagnostics channel or a resource name, slow file reads.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkClaim, summarise } from '../../../src/run/claims.ts';
import { readLessonFiles } from '../../../src/lessons/lesson-files.ts';
import { nodeVersionNotice } from '../../../src/run/reliance-notice.ts';
import type { RuntimeStatus } from '../../../src/runtime/runtime.ts';
import { WebContainerRuntime, type WebContainerRuntimeOptions } from '../../../src/runtime/webcontainer/webcontainer-runtime.ts';
import type { RunEvent } from '../../../src/schemas/run-events.ts';
import { NODE_FEATURE_NAMES, type NodeFeature } from '../../../src/schemas/node-features.ts';
import { FakeWebContainer, type FakeBehaviour } from '../../fakes/fake-webcontainer.ts';
import { HANGING_CLIENT, LISTENING_SERVER, QUICK_CLIENT, lesson } from '../../helpers/lesson-code.ts';
import { lessonsOnDisk } from '../../helpers/lessons.ts';
import { printedPids, waitUntilGone } from '../../helpers/processes.ts';

const source = (name: string) => readFileSync(new URL(`../../../src/meter/${name}`, import.meta.url), 'utf8');
const meterSource = source('meter.js');
const workdirs: string[] = [];
after(() => workdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(overrides: Partial<WebContainerRuntimeOptions> = {}, behaviour: FakeBehaviour = {}) {
  const workdir = mkdtempSync(join(tmpdir(), 'fake-webcontainer-'));
  workdirs.push(workdir);
  const container = new FakeWebContainer(workdir, behaviour);
  let boots = 0;
  const runtime = new WebContainerRuntime({
    boot: async () => {
      boots += 1;
      return container;
    },
    meterSource,
    bootstrapSource: source('bootstrap.js'),
    probeSource: source('probe.js'),
    nodeMajor: Number(process.versions.node.split('.')[0]),
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
  return { end, events, output: outputOf(events) };
}

const outputOf = (events: RunEvent[]) => events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');

/** Starts a run whose client never exits, and resolves once both processes printed their PIDs. */
async function hangingRun(runtime: WebContainerRuntime) {
  const controller = new AbortController();
  const events: RunEvent[] = [];
  const ended = runtime.run({ files: lesson(LISTENING_SERVER, HANGING_CLIENT), signal: controller.signal, onEvent: (event) => events.push(event) });
  const pids = () => printedPids(outputOf(events));
  while (pids().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  return { controller, ended, events, pids: pids() };
}

const theLeak = () => {
  const found = lessonsOnDisk().find((candidate) => candidate.id.endsWith('the-leak'));
  assert.ok(found);
  return found;
};

describe('WebContainer adapter', () => {
  test('runs the leak lesson: the meter counts inside the container and the lesson’s claims hold', async () => {
    const { runtime } = setup();
    const leak = theLeak();
    for (const variant of ['starter', 'solution'] as const) {
      const { end, events } = await run(runtime, readLessonFiles(leak.folder, variant));
      assert.equal(end.reason, 'completed', end.message);
      for (const claim of leak.frontmatter.claims.filter((candidate) => candidate.run === variant)) {
        assert.deepEqual(checkClaim(claim, events), [], `${variant}: ${claim.says} — measured ${JSON.stringify(summarise(events))}`);
      }
    }
  });

  test('boots once for many runs, asks for the lessons’ Node major, and mounts each run into a folder it creates', async () => {
    const { runtime, container, boots } = setup();
    await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(boots(), 1);
    const major = process.versions.node.split('.')[0];
    assert.equal(JSON.parse(readFileSync(join(container.workdir, 'package.json'), 'utf8')).engines.node, `${major}.x`);
    assert.equal(readFileSync(join(container.workdir, '.nvmrc'), 'utf8').trim(), major);
    const lessonSpawns = container.spawned.filter((spawn) => spawn.args[0] === '.lab/bootstrap.js');
    assert.deepEqual(
      lessonSpawns.map((spawn) => [spawn.args.join(' '), spawn.options?.cwd, spawn.options?.env?.PORT]),
      [
        ['.lab/bootstrap.js server.js', 'runs/1', '4101'],
        ['.lab/bootstrap.js client.js', 'runs/1', '4101'],
        ['.lab/bootstrap.js server.js', 'runs/2', '4102'],
        ['.lab/bootstrap.js client.js', 'runs/2', '4102'],
      ],
    );
    assert.equal(existsSync(join(container.workdir, 'runs/1')), false, 'a run’s folder is removed after it');
    await assert.rejects(container.mount({}, { mountPoint: 'no/such/folder' }), /ENOENT/, 'the fake, like WebContainer, mounts only into folders that exist');
  });

  test('tells the page the run’s time limit as the run starts, so the page can count down to it', async () => {
    const { events } = await run(setup().runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.deepEqual(events[0], { type: 'phase', phase: 'starting-server', timeLimitMs: 10_000 });
  });

  test('checks which Node runs and shows it; a page whose lesson declares another major says so plainly', async () => {
    const { runtime } = setup();
    await runtime.prepare();
    assert.equal(runtime.nodeVersion, process.versions.node);
    assert.equal(runtime.label, `WebContainer (Node ${process.versions.node} in this browser)`);
    assert.deepEqual(runtime.status(), { state: 'ready' });
    // The tests run on the pinned Node, a checked line: nothing to say. Node 20 is not one.
    assert.equal(nodeVersionNotice(runtime.nodeVersion), undefined);
    assert.match(nodeVersionNotice('20.19.1') ?? '', /runs Node 20\.19\.1, but this lesson's numbers are checked on Node 22, 24 and 26/);
  });

  test('a container where the Node check fails is still usable, and says it could not check', async () => {
    const { runtime } = setup({ probeSource: 'process.exit(3);' });
    await runtime.prepare();
    assert.equal(runtime.nodeVersion, undefined);
    assert.deepEqual(runtime.status(), { state: 'ready', note: 'The lab could not check which Node version runs here.' });
    const { end } = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(end.reason, 'completed', end.message);
  });

  test('passes output on as plain text, even when \\r\\n pairs and colour codes are split across chunks', async () => {
    const client = "console.log('one'); console.error('two'); throw new Error('boom');";
    const whole = await run(setup().runtime, lesson(LISTENING_SERVER, client));
    assert.equal(whole.end.reason, 'failed');
    assert.match(whole.end.message ?? '', /client\.js exited with code 1/);
    assert.match(whole.output, /one\n[\s\S]*two\n[\s\S]*Error: boom/);
    for (const chunkSize of [1, 2, 3, 5]) {
      const split = await run(setup({}, { chunkSize }).runtime, lesson(LISTENING_SERVER, client));
      assert.doesNotMatch(split.output, /\r|\x1b/, `chunks of ${chunkSize}`);
      assert.match(split.output, /one\n[\s\S]*two\n[\s\S]*Error: boom/, `chunks of ${chunkSize}`);
    }
    const exits = whole.events.filter((event) => event.type === 'exit');
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
    const { controller, ended, pids } = await hangingRun(runtime);
    controller.abort();
    assert.equal((await ended).reason, 'stopped');
    await waitUntilGone(pids);
  });

  test('a process whose exit is never reported does not leave the run "running"', async () => {
    const { runtime, statuses } = setup({ exitWaitMs: 500 }, { killedExitNeverSettles: true });
    const { controller, ended, events, pids } = await hangingRun(runtime);
    const stoppedAt = performance.now();
    controller.abort();
    const end = await ended;
    assert.equal(end.reason, 'stopped');
    assert.ok(performance.now() - stoppedAt < 2_000, 'the wait for an exit is bounded');
    assert.match(outputOf(events), /did not confirm that it stopped within 0\.5 s.*reload the page/);
    assert.equal(statuses.at(-1)?.state, 'ready');
    await waitUntilGone(pids);
  });

  test('an error from the container ends the run with what to do, and later runs fail at once', async () => {
    const { runtime, container, statuses } = setup();
    const { ended, pids } = await hangingRun(runtime);
    container.emit('error', { message: 'worker crashed' });
    const end = await ended;
    assert.equal(end.reason, 'failed');
    assert.match(end.message ?? '', /WebContainer stopped working \(worker crashed\)\. Reload the page.*npm install && npm start/);
    assert.deepEqual(statuses.at(-1), { state: 'failed', message: end.message });
    await waitUntilGone(pids);
    const next = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(next.end.message, end.message);
  });

  test('the client starts on WebContainer’s port event when the meter cannot report the port', async () => {
    const silentMeter = meterSource.replace("send({ type: 'listening'", "void ({ type: 'listening'");
    assert.notEqual(silentMeter, meterSource, 'the meter still reports the port this way');
    const withEvents = await run(setup({ meterSource: silentMeter }).runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(withEvents.end.reason, 'completed', withEvents.end.message);
    assert.match(withEvents.output, /status 200 ok/);

    const without = await run(setup({ meterSource: silentMeter }, { portEvents: false }).runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(without.end.reason, 'failed');
    assert.match(without.end.message ?? '', /did not start listening/);
  });

  test('reads each meter file once, one read at a time, and the claims hold when reads are slow', async () => {
    const { runtime, container } = setup({}, { readDelayMs: 150 });
    const leak = theLeak();
    const { end, events } = await run(runtime, readLessonFiles(leak.folder, 'starter'));
    assert.equal(end.reason, 'completed', end.message);
    for (const claim of leak.frontmatter.claims.filter((candidate) => candidate.run === 'starter')) {
      assert.deepEqual(checkClaim(claim, events), [], `${claim.says} — measured ${JSON.stringify(summarise(events))}`);
    }
    const meterReads = [...container.reads.byPath].filter(([path]) => path.includes('.meter/'));
    assert.ok(meterReads.length > 5, `the meter wrote its samples as files (${meterReads.length})`);
    assert.deepEqual(meterReads.filter(([, count]) => count > 1), [], 'no meter file is read twice');
    assert.equal(container.reads.mostInFlight, 1, 'in each meter folder, a slow read delays the next poll instead of piling reads up');
  });

  test('a boot that ends after its deadline is not thrown away', async () => {
    let finishBoot: () => void = () => {};
    const workdir = mkdtempSync(join(tmpdir(), 'fake-webcontainer-'));
    workdirs.push(workdir);
    const container = new FakeWebContainer(workdir);
    const { runtime, statuses } = setup({
      boot: () => new Promise((resolve) => (finishBoot = () => resolve(container))),
      bootTimeoutMs: 300,
    });
    const early = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(early.end.reason, 'failed');
    assert.match(early.end.message ?? '', /did not start in this browser within 0\.3 s.*slow.*offline.*ad blocker.*keeps waiting.*npm install && npm start/);
    assert.equal(statuses[0]?.state, 'booting');
    assert.deepEqual(statuses.at(-1), { state: 'failed', message: early.end.message });

    finishBoot();
    while (runtime.status().state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 20));
    const ready = runtime.status();
    assert.match(ready.state === 'ready' ? (ready.note ?? '') : '', /Node started after all, after \d+ s/);
    const late = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(late.end.reason, 'completed', late.end.message);
  });

  test('while the boot has not settled, runs fail at its deadline without a second wait', async () => {
    const { runtime } = setup({ boot: () => new Promise(() => {}), bootTimeoutMs: 300 });
    const first = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.match(first.end.message ?? '', /did not start in this browser within 0\.3 s/);
    const startedAt = performance.now();
    const second = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.equal(second.end.message, first.end.message);
    assert.ok(performance.now() - startedAt < 100, 'no second wait');
  });

  test('a boot that fails says why and what to do', async () => {
    const { runtime } = setup({ boot: () => Promise.reject(new Error('Unable to create more instances')) });
    const { end } = await run(runtime, lesson(LISTENING_SERVER, QUICK_CLIENT));
    assert.match(end.message ?? '', /WebContainer could not start: Unable to create more instances\. Reload the page.*npm install && npm start/);
  });
});

describe('lessons in a container whose Node lacks a feature', () => {
  const findingLeaks = () => {
    const found = lessonsOnDisk().find((candidate) => candidate.id.endsWith('finding-leaks'));
    assert.ok(found);
    return found;
  };

  test('with every feature, every claim of the lesson that relies on them holds in the container', async () => {
    const { runtime } = setup();
    await runtime.prepare();
    assert.deepEqual(runtime.missingFeatures, []);
    const lesson = findingLeaks();
    for (const claim of lesson.frontmatter.claims) {
      const { events } = await run(runtime, readLessonFiles(lesson.folder, claim.run));
      assert.deepEqual(checkClaim(claim, events), [], `${claim.run}: ${claim.says}`);
    }
  });

  const relyingOn = (feature: NodeFeature) => {
    const found = lessonsOnDisk().find((candidate) => candidate.frontmatter.relies.some((entry) => entry.feature === feature));
    assert.ok(found, `a lesson relies on ${feature}`);
    return found;
  };

  for (const lacking of NODE_FEATURE_NAMES) {
    test(`without ${lacking}, the probe finds it missing, and every claim that fails is one the lesson declares`, async () => {
      const { runtime } = setup({}, { lacks: [lacking] });
      await runtime.prepare();
      assert.deepEqual(runtime.missingFeatures, [lacking]);
      const lesson = relyingOn(lacking);
      const declared = new Set(lesson.frontmatter.relies.filter((entry) => entry.feature === lacking).flatMap((entry) => entry.runs));
      const failing: string[] = [];
      // Every undeclared claim must hold; of the declared ones, running until one fails is enough to
      // show the fake took the feature away (a lesson may declare a dozen runs of a few seconds).
      for (const claim of lesson.frontmatter.claims) {
        if (declared.has(claim.run) && failing.some((run) => declared.has(run))) continue;
        const { events } = await run(runtime, readLessonFiles(lesson.folder, claim.run));
        if (checkClaim(claim, events).length > 0) failing.push(claim.run);
      }
      assert.ok(failing.length > 0, `taking ${lacking} away changes an outcome, so the fake really took it away`);
      assert.deepEqual(failing.filter((run) => !declared.has(run)), [], `failing: ${failing.join(', ')}; declared: ${[...declared].join(', ')}`);
    });
  }
});
