// The room figure: 30 learners press Run on the leak lesson within 3 s, the moment an instructor
// says "now run it". Each learner is a real WebSocket to a real lab server, and each run is a
// real run of the lesson's starter. A learner who is told the runner is busy presses Run again a
// second later, as people do. Measured for the queue (today) and for refusing beyond a limit of
// 8 (the design before it), on the same machine.
import { join } from 'node:path';
import { summarise as summariseRun } from '../../src/run/claims.ts';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';
import { checkConfinement } from '../../src/runner/confinement.ts';
import { DEFAULT_MAX_RUNS, startLabServer } from '../../src/runner/lab-server.ts';
import { RunnerClient } from '../../test/helpers/runner-client.ts';

export const LEARNERS = 30;
const PRESS_WITHIN_MS = 3_000;
const PRESS_AGAIN_AFTER_MS = 1_000;

export interface RoomResult {
  design: string;
  /** Refusals in all, counting every press that was turned away. */
  refusals: number;
  /** Learners turned away at least once. */
  learnersRefused: number;
  /** Learners whose run showed the lesson's leak in full: 200 requests over 200 connections. */
  learnersWithLeakShown: number;
  /** From each learner's first press to their run's end, in ms. */
  pressToResultMs: number[];
}

export async function roomFigure(root: string, design: 'queue' | 'refuse'): Promise<RoomResult> {
  const files = readLessonFiles(join(root, 'content/lessons/02-the-leak'), 'starter');
  // Confined where the machine allows it, as room mode runs learners' code.
  const confine = checkConfinement().ok;
  const lab = await startLabServer({
    distDir: join(root, 'dist'),
    port: 0,
    confine,
    ...(design === 'refuse' ? { maxRuns: 8, maxWaiting: 0 } : {}),
  });
  const learners = await Promise.all(Array.from({ length: LEARNERS }, () => RunnerClient.connect(lab.port)));
  try {
    const results = await Promise.all(
      learners.map(async (learner, index) => {
        // Spread evenly over 3 s, so that every run of the bench presses at the same moments.
        await delay((index * PRESS_WITHIN_MS) / LEARNERS);
        const firstPress = performance.now();
        let refusals = 0;
        for (let attempt = 1; ; attempt++) {
          const runId = `learner-${index}-${attempt}`;
          learner.run(runId, files);
          const outcome = await learner.waitFor((m) => 'runId' in m && m.runId === runId && (m.type === 'end' || m.type === 'refused'), 120_000);
          if (outcome.type === 'refused') {
            refusals++;
            await delay(PRESS_AGAIN_AFTER_MS);
            continue;
          }
          const shown = summariseRun(learner.events(runId));
          return { refusals, ms: performance.now() - firstPress, leakShown: shown.requests === 200 && shown.accepted === 200 };
        }
      }),
    );
    return {
      design: `${design === 'queue' ? `queue (${DEFAULT_MAX_RUNS} runs at once, the rest wait)` : 'refuse beyond 8 runs (before)'}${confine ? ', confined' : ''}`,
      refusals: results.reduce((sum, result) => sum + result.refusals, 0),
      learnersRefused: results.filter((result) => result.refusals > 0).length,
      learnersWithLeakShown: results.filter((result) => result.leakShown).length,
      pressToResultMs: results.map((result) => Math.round(result.ms)),
    };
  } finally {
    for (const learner of learners) learner.close();
    await lab.close();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The room figure for both designs, as bench rows: refusals, runs shown right, median and slowest wait. */
export async function roomFigures(root: string) {
  const rows = [];
  for (const design of ['queue', 'refuse'] as const) {
    const room = await roomFigure(root, design);
    const sorted = [...room.pressToResultMs].sort((a, b) => a - b);
    rows.push({
      design: room.design,
      refusals: room.refusals,
      learnersRefused: room.learnersRefused,
      leakShown: `${room.learnersWithLeakShown} of ${LEARNERS}`,
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      slowestMs: sorted.at(-1) ?? 0,
    });
  }
  return rows;
}

export function roomTable(rows: Awaited<ReturnType<typeof roomFigures>>): string {
  return [
    `| Room: ${LEARNERS} learners press Run within 3 s | Refusals (learners refused) | Runs that showed 200 requests over 200 connections | Press to result, median | Slowest |`,
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.design} | ${row.refusals} (${row.learnersRefused}) | ${row.leakShown} | ${(row.medianMs / 1000).toFixed(1)} s | ${(row.slowestMs / 1000).toFixed(1)} s |`),
  ].join('\n');
}
