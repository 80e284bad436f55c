// One truth about the peak in every view (issue 31): for a real run of lessons whose peaks are
// short (a burst of connections between two 100 ms samples), the chart's highest plotted point is
// the peak figure the page prints, and the downloaded lesson's run.js prints that peak too.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { lessonZip } from '../../src/download/lesson-zip.ts';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';
import type { Recording } from '../../src/lessons/recordings.ts';
import { openSeries } from '../../src/lessons/recordings.ts';
import { stepLine } from '../../src/run/chart-series.ts';
import { summarise } from '../../src/run/claims.ts';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEvent } from '../../src/schemas/run-events.ts';
import { LESSONS_DIR } from '../helpers/lessons.ts';
import { unzip } from '../helpers/unzip.ts';

const SOURCES = {
  meter: readFileSync(new URL('../../src/meter/meter.js', import.meta.url), 'utf8'),
  runner: readFileSync(new URL('../../src/download/run.js', import.meta.url), 'utf8'),
};

/** Unpacks the lesson's zip as the page builds it into a temporary folder and runs `node run.js` there. */
async function runDownloaded(folderName: string, slug: string): Promise<string> {
  const files = readLessonFiles(join(LESSONS_DIR, folderName), 'starter');
  const folder = mkdtempSync(join(tmpdir(), 'lab-one-peak-'));
  try {
    for (const [path, content] of unzip(lessonZip(slug, slug, files, SOURCES))) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), content);
    }
    const cwd = join(folder, `keep-alive-lab-${slug}`);
    // Without node --test's NODE_TEST_CONTEXT, which would make lesson 7's node:test client report in binary.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const { stdout } = await promisify(execFile)(process.execPath, ['run.js'], { cwd, env, timeout: 60_000 }).catch(
      // Lesson 7's starter is a failing test suite: the client exits 1, run.js itself exits 0.
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    return stdout;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A real run through the lab's runner, in the shape the build records (record-run.ts). */
async function recordStarter(folderName: string): Promise<Recording> {
  const events: RunEvent[] = [];
  const end = await runLesson({
    files: readLessonFiles(join(LESSONS_DIR, folderName), 'starter'),
    signal: AbortSignal.timeout(60_000),
    onEvent: (event) => {
      if ((event.type === 'meter' && event.process === 'server') || event.type === 'exit') events.push(event);
    },
  });
  return { hash: '', node: process.version, recordedAt: '', end, events };
}

const highestPlotted = (recording: Recording) => Math.max(0, ...stepLine(openSeries(recording)).map(([, count]) => count));

for (const { folder, slug, peak } of [
  { folder: '07-finding-leaks', slug: 'finding-leaks', peak: { atLeast: 20 } },
  { folder: '04-fetch', slug: 'fetch', peak: { atLeast: 25 } },
]) {
  test(`${folder}: the chart's highest point is the peak figure`, async () => {
    const recording = await recordStarter(folder);
    const { peakOpen } = summarise(recording.events);
    assert.equal(highestPlotted(recording), peakOpen, `chart tops out at ${highestPlotted(recording)}, the figure says peak ${peakOpen}`);
    if ('equals' in peak) assert.equal(peakOpen, peak.equals);
    else assert.ok(peakOpen >= peak.atLeast, `peak ${peakOpen}`);
  });

  test(`${folder}: the downloaded run.js prints the same peak`, async () => {
    const stdout = await runDownloaded(folder, slug);
    const printed = Number(/peak (\d+) open connections/.exec(stdout)?.[1]);
    if ('equals' in peak) assert.equal(printed, peak.equals, stdout.slice(-400));
    else assert.ok(printed >= peak.atLeast, stdout.slice(-400));
  });
}
