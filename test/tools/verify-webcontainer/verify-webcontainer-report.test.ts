// How the kit judges runs and reports them. The runs are made up, so each verdict is checked
// against a known answer, above all that a run which never happened cannot pass.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunEnd, RunEvent } from '../../../src/schemas/run-events.ts';
import { lessonsOnDisk, type LessonOnDisk } from '../../helpers/lessons.ts';
import { renderMarkdown, reportPasses, type VerifyReport } from '../../../tools/verify-webcontainer/report.ts';
import { planRuns, type PlannedRun } from '../../../tools/verify-webcontainer/run-plan.ts';
import { judgeRun, type CheckRow, type RunOutcome } from '../../../tools/verify-webcontainer/verdicts.ts';

/** A run that started its client and whose server accepted `accepted` connections for `requests` requests. */
function ran(accepted: number, requests: number, end: RunEnd = { reason: 'completed', durationMs: 900 }): RunOutcome {
  const events: RunEvent[] = [
    { type: 'phase', phase: 'starting-server' },
    { type: 'phase', phase: 'starting-client', port: 4000 },
    { type: 'meter', process: 'server', at: 500, counts: { server: { open: 0, accepted, requests, peak: accepted } } },
    { type: 'exit', process: 'client', code: 0, signal: null, stoppedByLab: false },
  ];
  return { end, events };
}

const oneConnection: PlannedRun = {
  lesson: '01-one-connection',
  run: 'solution',
  files: [],
  checks: [{ says: 'One connection carries all 200 requests.', claim: { run: 'solution', says: 'One connection carries all 200 requests.', expect: { accepted: { atMost: 1 }, requests: { equals: 200 } } }, mustFail: false }],
  mustComplete: true,
  reliesOn: [],
};

test('a claim that holds in both runtimes passes, with both values shown', () => {
  const [row] = judgeRun(oneConnection, ran(1, 200), ran(1, 200));
  assert.deepEqual(row, {
    lesson: '01-one-connection',
    run: 'solution',
    says: 'One connection carries all 200 requests.',
    expects: 'accepted: at most 1, requests: exactly 200',
    local: 'accepted 1, requests 200',
    webContainer: 'accepted 1, requests 200',
    verdict: 'pass',
  });
});

test('WebContainer measuring something else fails, and so does a claim that fails locally', () => {
  assert.equal(judgeRun(oneConnection, ran(1, 200), ran(200, 200))[0]!.verdict, 'fails in WebContainer');
  assert.equal(judgeRun(oneConnection, ran(200, 200), ran(1, 200))[0]!.verdict, 'fails locally');
});

test('a run that never happened does not pass a claim its zeros would meet', () => {
  const atMostOne: PlannedRun = { ...oneConnection, checks: [{ ...oneConnection.checks[0]!, claim: { ...oneConnection.checks[0]!.claim, expect: { accepted: { atMost: 1 } } } }] };
  const noSamples: RunOutcome = { end: { reason: 'completed', durationMs: 100 }, events: ran(0, 0).events.filter((event) => event.type !== 'meter') };
  const neverStarted: RunOutcome = { end: { reason: 'failed', durationMs: 100, message: 'server.js exited' }, events: [] };
  for (const [result, why] of [
    [noSamples, /^did not run: the server’s meter sent no samples$/],
    [neverStarted, /^did not run: client\.js never started \(failed: server\.js exited\)$/],
    [{ notRun: 'WebContainer did not boot: offline' }, /^did not run: WebContainer did not boot: offline$/],
  ] as const) {
    const [row] = judgeRun(atMostOne, ran(1, 200), result);
    assert.equal(row!.verdict, 'did not run in WebContainer');
    assert.match(row!.webContainer, why);
  }
  assert.equal(judgeRun(atMostOne, { notRun: 'skipped' }, ran(1, 1))[0]!.verdict, 'did not run locally');
  // Neither ran (the boot failed, so local runs were skipped): the cause is WebContainer.
  assert.equal(judgeRun(atMostOne, { notRun: 'skipped' }, { notRun: 'no boot' })[0]!.verdict, 'did not run in WebContainer');
});

test('claimed runs must complete unless a claim is about the exit code', () => {
  const timedOut = ran(1, 200, { reason: 'time-limit', durationMs: 60_000, message: 'Stopped at the 60 s limit.' });
  const [row] = judgeRun(oneConnection, ran(1, 200), timedOut);
  assert.equal(row!.verdict, 'fails in WebContainer');
  assert.equal(row!.webContainer, 'did not complete: the run ended time-limit: Stopped at the 60 s limit.');
  assert.equal(judgeRun({ ...oneConnection, mustComplete: false }, ran(1, 200), timedOut)[0]!.verdict, 'pass');
});

test('a challenge’s starting code passes its check by failing the challenge', () => {
  const starter: PlannedRun = { ...oneConnection, run: 'challenge:ten:starter', mustComplete: false, checks: [{ ...oneConnection.checks[0]!, says: 'Challenge ten: its starting code fails it', mustFail: true }] };
  const [failing] = judgeRun(starter, ran(200, 200), ran(200, 200));
  assert.equal(failing!.verdict, 'pass');
  assert.equal(failing!.expects, 'not accepted: at most 1, requests: exactly 200');
  assert.equal(judgeRun(starter, ran(200, 200), ran(1, 200))[0]!.verdict, 'fails in WebContainer');
});

test('a variant without claims still gets a row, and must run in both', () => {
  const unclaimed: PlannedRun = { ...oneConnection, run: 'extra', checks: [] };
  const [row] = judgeRun(unclaimed, ran(3, 3), ran(3, 3));
  assert.deepEqual([row!.says, row!.expects, row!.verdict], ['extra (no claims)', 'runs to the end', 'pass']);
  assert.equal(judgeRun(unclaimed, ran(3, 3), { notRun: 'page crashed' })[0]!.verdict, 'did not run in WebContainer');
});

test('a difference is excused only where the lesson declares the feature and WebContainer reports it missing', () => {
  const reliant: PlannedRun = { ...oneConnection, reliesOn: ['net.client.socket'] };
  const differs = ran(200, 200);
  assert.equal(judgeRun(reliant, ran(1, 200), differs, ['net.client.socket'])[0]!.verdict, 'needs the local runner, as the lesson says');
  assert.equal(judgeRun(reliant, ran(1, 200), differs, [])[0]!.verdict, 'fails in WebContainer', 'the runtime did not report it missing');
  assert.equal(judgeRun(oneConnection, ran(1, 200), differs, ['net.client.socket'])[0]!.verdict, 'fails in WebContainer', 'the lesson did not declare it');
  assert.equal(judgeRun(reliant, ran(1, 200), { notRun: 'page crashed' }, ['net.client.socket'])[0]!.verdict, 'did not run in WebContainer', 'a declaration never covers a run that did not happen');
  const exitedOne = ran(1, 200, { reason: 'failed', durationMs: 900, message: 'client.js exited with code 1.' });
  assert.equal(judgeRun(reliant, ran(1, 200), exitedOne, ['net.client.socket'])[0]!.verdict, 'needs the local runner, as the lesson says');
  assert.equal(judgeRun(reliant, ran(1, 200), ran(1, 200), ['net.client.socket'])[0]!.verdict, 'pass', 'it may still hold');
  assert.equal(judgeRun(reliant, ran(2, 200), ran(1, 200), ['net.client.socket'])[0]!.verdict, 'fails locally', 'never excuses the local run');
});

function report(rows: CheckRow[], changes: Partial<VerifyReport> = {}): VerifyReport {
  const base: Omit<VerifyReport, 'ok'> = {
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:05:00.000Z',
    siteUrl: 'http://localhost:4700',
    browser: 'Chromium 140',
    preflight: 'hosts answer',
    localNode: '22.23.3',
    webContainer: { booted: true, bootMs: 4_321, nodeVersion: 'unknown', crossOriginIsolated: true },
    plannedChecks: rows.length,
    smoke: { ok: true, detail: 'Finished' },
    rows,
    ...changes,
  };
  return { ...base, ok: reportPasses(base), ...changes };
}

test('the report passes only when it booted, every planned check has a passing row, and the smoke passed', () => {
  const rows = judgeRun(oneConnection, ran(1, 200), ran(1, 200));
  assert.equal(report(rows).ok, true);
  assert.equal(report([]).ok, false, 'an empty report');
  assert.equal(report(rows, { plannedChecks: 2 }).ok, false, 'a check without a row');
  assert.equal(report(rows, { smoke: { ok: false, detail: 'no count' } }).ok, false, 'smoke failed');
  assert.equal(report(rows, { webContainer: { booted: false, nodeVersion: 'unknown' } }).ok, false, 'no boot');
  assert.equal(report(judgeRun(oneConnection, ran(1, 200), ran(2, 200))).ok, false, 'a failing row');
  const excused = judgeRun({ ...oneConnection, reliesOn: ['TCPSocketWrap'] }, ran(1, 200), ran(2, 200), ['TCPSocketWrap']);
  assert.equal(report(excused).ok, true, 'a declared difference');
  assert.match(renderMarkdown(report(excused)), /0 of 1 checks passed in both runtimes, 1 need the local runner as their lesson says/);
});

test('the Markdown table has the agreed columns, one row per check, and cells that cannot break it', () => {
  const rows = judgeRun({ ...oneConnection, checks: [{ ...oneConnection.checks[0]!, says: 'a | b\nc' }] }, ran(1, 200), ran(1, 200));
  const markdown = renderMarkdown(report(rows, { webContainer: { booted: true, bootMs: 4_321, nodeVersion: '22.22.0', crossOriginIsolated: true } }));
  const tableLines = markdown.split('\n').filter((line) => line.startsWith('|'));
  assert.equal(tableLines[0], '| Lesson | Claim | Local value | WebContainer value | Verdict | Node version | Boot time |');
  assert.equal(tableLines.length, 2 + rows.length);
  assert.equal(
    tableLines[2],
    '| 01-one-connection | solution: a \\| b c (accepted: at most 1, requests: exactly 200) | accepted 1, requests 200 | accepted 1, requests 200 | pass | 22.22.0 | 4.3 s |',
  );
  assert.match(markdown, /\*\*PASS\*\*: 1 of 1 checks/);
  assert.match(renderMarkdown(report(rows, { smoke: { ok: false, detail: 'x' } })), /\*\*FAIL\*\*/);
  assert.match(markdown, /lacks, as the runtime reports them: not known/);
  const lacking = renderMarkdown(report(rows, { webContainer: { booted: true, bootMs: 1, nodeVersion: '22.22.0', missingFeatures: ['TCPSocketWrap'] } }));
  assert.match(lacking, /lacks, as the runtime reports them: TCPSocketWrap\n/);
  assert.match(lacking, /cross-origin isolated: unknown/);
});

test('the plan runs every claim, every variant folder and both sides of every challenge, once each', () => {
  const lessons = lessonsOnDisk();
  const plan = planRuns(lessons);
  for (const lesson of lessons) {
    const runs = plan.filter((run) => run.lesson === lesson.id);
    const planned = runs.flatMap((run) => run.checks.map((check) => check.claim));
    for (const claim of lesson.frontmatter.claims) assert.equal(planned.filter((candidate) => candidate === claim).length, 1, `${lesson.id}: ${claim.says}`);
    const names = runs.map((run) => run.run);
    assert.equal(new Set(names).size, names.length, `${lesson.id}: a run planned twice`);
    const variantsDir = join(lesson.folder, 'variants');
    const variants = existsSync(variantsDir) ? readdirSync(variantsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
    for (const name of ['starter', 'solution', ...variants]) assert.ok(names.includes(name), `${lesson.id}: ${name} not planned`);
    for (const challenge of lesson.frontmatter.challenges) {
      assert.ok(names.includes(`challenge:${challenge.id}:starter`) && names.includes(`challenge:${challenge.id}:reference`), `${lesson.id}: challenge ${challenge.id}`);
    }
    const relies = (lesson.frontmatter as { relies?: { feature: string; runs: string[] }[] }).relies ?? [];
    for (const entry of relies) {
      for (const name of entry.runs) {
        const reliant = runs.filter((run) => run.run === name || run.run.startsWith(`challenge:${name}:`));
        assert.ok(reliant.length > 0 && reliant.every((run) => run.reliesOn.includes(entry.feature)), `${lesson.id}: ${name} relies on ${entry.feature}`);
      }
    }
    for (const run of runs) assert.ok(run.files.some((file) => file.name === 'server.js') && run.files.some((file) => file.name === 'client.js'), `${lesson.id} ${run.run} has no code`);
  }
});

test('a variant folder no claim names is still run, and a claim about the exit code lets its run end non-zero', () => {
  const folder = mkdtempSync(join(tmpdir(), 'verify-plan-'));
  const write = (path: string, content = '// x\n') => {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), content);
  };
  for (const path of ['files/server.js', 'files/client.js', 'solution/client.js', 'variants/unclaimed/client.js', 'variants/exits/client.js', 'challenges/c/starter/client.js', 'challenges/c/reference/client.js']) write(path);
  const lesson = {
    id: '99-made-up',
    folder,
    frontmatter: {
      claims: [
        { run: 'starter', says: 'starter claim', expect: { accepted: { equals: 1 } } },
        { run: 'exits', says: 'exits with 1', expect: { clientExitCode: { equals: 1 } } },
      ],
      challenges: [{ id: 'c', title: 'A challenge', task: 'a task long enough for the schema', expect: { accepted: { atMost: 2 } } }],
      relies: [{ feature: 'TCPSocketWrap', runs: ['exits', 'c'], why: 'made up' }],
    },
  } as unknown as LessonOnDisk;
  const plan = planRuns([lesson]);
  assert.deepEqual(
    plan.map((run) => [run.run, run.checks.length, run.mustComplete, run.reliesOn.join()]),
    [
      ['starter', 1, true, ''],
      ['solution', 0, true, ''],
      ['exits', 1, false, 'TCPSocketWrap'],
      ['unclaimed', 0, true, ''],
      ['challenge:c:starter', 1, false, 'TCPSocketWrap'],
      ['challenge:c:reference', 1, false, 'TCPSocketWrap'],
    ],
  );
  assert.deepEqual(plan.map((run) => run.checks.map((check) => check.mustFail)).flat(), [false, false, true, false]);
});
