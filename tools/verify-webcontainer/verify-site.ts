// The part of the kit that needs the built site: serve it, boot WebContainer once in the harness
// page, run every planned run locally and then inside WebContainer (one after the other, so
// they do not compete for the CPU and bend timed claims), smoke a real lesson page, and judge.
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEvent } from '../../src/schemas/run-events.ts';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';
import { lessonsOnDisk } from '../../test/helpers/lessons.ts';
import { Harness, launchChromium, smokeLessonPage } from './browser-session.ts';
import { reportPasses, type SmokeResult, type VerifyReport } from './report.ts';
import { lessonsNodeMajor, planRuns } from './run-plan.ts';
import { serveSite } from './site-server.ts';
import { judgeRun, type CheckRow, type RunResult } from './verdicts.ts';

export interface VerifySiteOptions {
  siteDir: string;
  headersFile: string;
  port: number | undefined;
  headed: boolean;
  bootTimeoutMs: number;
  runTimeoutMs: number;
  /** Lesson ids (or slugs) to limit the run to; all when undefined. */
  lessons: string[] | undefined;
  startedAt: string;
  preflight: string;
}

/** A run whose client prints the Node version it runs on: what WebContainer really gave us. */
const NODE_VERSION_PROBE: LessonFile[] = [
  { name: 'server.js', content: "import http from 'node:http';\nhttp.createServer((req, res) => res.end()).listen(Number(process.env.PORT), '127.0.0.1');\n" },
  { name: 'client.js', content: "console.log(`kal-node-version:${process.versions.node}`);\n" },
];

export async function verifySite(options: VerifySiteOptions): Promise<VerifyReport> {
  const all = lessonsOnDisk();
  const lessons = options.lessons ? all.filter((lesson) => options.lessons!.some((wanted) => lesson.id === wanted || lesson.id.endsWith(`-${wanted}`))) : all;
  if (lessons.length === 0) throw new Error(`No lesson matches --lesson ${options.lessons?.join(', ')}; lessons are ${all.map((lesson) => lesson.id).join(', ')}.`);
  const plan = planRuns(lessons);
  const plannedChecks = plan.reduce((sum, run) => sum + Math.max(1, run.checks.length), 0);

  const site = await serveSite(options.siteDir, { headersFile: options.headersFile, port: options.port });
  const browser = await launchChromium(options.headed);
  try {
    console.log(`Serving ${site.url} with ${Object.entries(site.headers).map(([name, value]) => `${name}: ${value}`).join(', ')}; ${browser.version()}`);
    const harness = await Harness.open(browser, site.url);
    const boot = await harness.boot(lessonsNodeMajor(lessons), options.bootTimeoutMs);
    const bootMessage = boot.ok ? undefined : boot.status.state === 'failed' || boot.status.state === 'unavailable' ? boot.status.message : `runtime is ${boot.status.state}`;
    // What the page would tell a learner once ready (a different Node, a late start), where it says anything.
    const readyNote = 'note' in boot.status && typeof boot.status.note === 'string' ? boot.status.note : undefined;
    console.log(boot.ok ? `WebContainer booted in ${boot.bootMs} ms.${readyNote ? ` It says: ${readyNote}` : ''}` : `WebContainer did not boot: ${bootMessage}`);

    let nodeVersionPrinted: string | undefined;
    const rows: CheckRow[] = [];
    if (boot.ok) {
      const probe = await harness.run(NODE_VERSION_PROBE, options.runTimeoutMs).catch(() => undefined);
      nodeVersionPrinted = probe && /kal-node-version:(\S+)/.exec(clientOutput(probe.events))?.[1];
    }
    for (const [index, planned] of plan.entries()) {
      const local = boot.ok ? await runLocally(planned.files, options.runTimeoutMs) : { notRun: 'skipped, since WebContainer did not boot' };
      const inContainer: RunResult = boot.ok
        ? await harness.run(planned.files, options.runTimeoutMs).catch((error: unknown) => ({ notRun: `the harness failed: ${(error as Error).message.split('\n')[0]}` }))
        : { notRun: 'WebContainer did not boot (the reason is above the table)' };
      const judged = judgeRun(planned, local, inContainer, boot.missingFeatures);
      rows.push(...judged);
      const notPassed = judged.filter((row) => row.verdict !== 'pass');
      console.log(`[${index + 1}/${plan.length}] ${planned.lesson} ${planned.run}: ${notPassed.length === 0 ? 'pass' : notPassed.map((row) => `${row.verdict} (${row.says})`).join('; ')}`);
    }
    await harness.close();

    const smoke: SmokeResult = boot.ok
      ? await smokeLessonPage(browser, site.url, 'webcontainer', options.bootTimeoutMs)
      : { ok: false, detail: 'not tried, since WebContainer did not boot in the harness' };
    const report: Omit<VerifyReport, 'ok'> = {
      startedAt: options.startedAt,
      finishedAt: new Date().toISOString(),
      siteUrl: site.url,
      browser: `Chromium ${browser.version()}`,
      preflight: options.preflight,
      ...(options.lessons ? { onlyLessons: lessons.map((lesson) => lesson.id) } : {}),
      localNode: process.versions.node,
      webContainer: {
        booted: boot.ok,
        ...(bootMessage ? { bootMessage } : {}),
        ...(boot.ok ? { bootMs: boot.bootMs } : {}),
        ...(readyNote ? { readyNote } : {}),
        nodeVersion: boot.nodeVersion ?? 'unknown',
        ...(nodeVersionPrinted ? { nodeVersionPrinted } : {}),
        ...(boot.crossOriginIsolated === undefined ? {} : { crossOriginIsolated: boot.crossOriginIsolated }),
        ...(boot.missingFeatures ? { missingFeatures: boot.missingFeatures } : {}),
      },
      plannedChecks,
      smoke,
      rows,
    };
    return { ...report, ok: reportPasses(report) };
  } finally {
    await browser.close();
    await site.close();
  }
}

async function runLocally(files: LessonFile[], timeoutMs: number): Promise<RunResult> {
  const events: RunEvent[] = [];
  const end = await runLesson({ files, signal: AbortSignal.timeout(timeoutMs), onEvent: (event) => events.push(event) });
  return { end, events };
}

function clientOutput(events: RunEvent[]): string {
  return events.map((event) => (event.type === 'output' && event.process === 'client' ? event.text : '')).join('');
}
