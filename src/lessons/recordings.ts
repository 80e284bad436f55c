// Recorded runs: the meter timeline of a lesson's starter and solution from a real run, kept
// next to the lesson (recordings/starter.json, recordings/solution.json) and embedded in its page,
// so a reader with no runtime still sees the leak and the fix. A recording is reused while the
// lesson's files, the meter and the Node version are unchanged (a hash of them), so builds stay
// fast; otherwise the build records again and checks the lesson's claims against the new run.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Claim } from '../schemas/lesson.ts';
import type { RunEnd, RunEvent } from '../schemas/run-events.ts';
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { chartSample, type ChartSample } from '../run/chart-series.ts';
import { checkClaim } from '../run/claims.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';
import { claimAppliesOn, PINNED_NODE_LINE } from '../schemas/node-lines.ts';


export interface Recording {
  /** Hash of the lesson's files, the meter and the Node version the run used. */
  hash: string;
  node: string;
  recordedAt: string;
  end: RunEnd;
  /** The server's meter samples and both exits: all that charts and claims need. */
  events: RunEvent[];
}

// Astro bundles this file, so paths come from the project root (where Astro and the tests run),
// not from import.meta.url.
const PROJECT_ROOT = process.cwd();
const METER_PATH = join(PROJECT_ROOT, 'src/meter/meter.js');
const RECORD_SCRIPT = join(PROJECT_ROOT, 'src/lessons/record-run.ts');

export function recordingHash(files: readonly LessonFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.content}\0`);
  hash.update(readFileSync(METER_PATH));
  hash.update(process.version);
  return hash.digest('hex').slice(0, 16);
}

/**
 * @param files the run's code, from the lesson's entry (lesson-code.ts): the child process that
 * records gets them on stdin rather than reading the folder again.
 */
export async function recordingFor(lessonFolder: string, variant: string, files: LessonFile[], allClaims: Claim[]): Promise<Recording> {
  // Recorded on the pinned line: the claims made about it (`npm test` checks the others on theirs).
  const claims = allClaims.filter((claim) => claimAppliesOn(claim, PINNED_NODE_LINE));
  const path = join(lessonFolder, 'recordings', `${variant}.json`);
  const hash = recordingHash(files);
  if (existsSync(path)) {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as Recording;
    // Reused only while it still backs every claim (claims may change without the code changing).
    const claimsHold = claims.filter((claim) => claim.run === variant).every((claim) => checkClaim(claim, cached.events).length === 0);
    if (cached.hash === hash && claimsHold) return cached;
  }
  const { end, events } = await recordRun(files);
  const shown = relative(process.cwd(), lessonFolder);
  const expectsExitCode = claims.some((claim) => claim.run === variant && claim.expect.clientExitCode !== undefined);
  if (end.reason !== 'completed' && !expectsExitCode) {
    throw new LessonContentError(`Recording the ${variant} of ${shown} failed: ${end.message ?? end.reason}. Run it with npm start to see why.`);
  }
  for (const claim of claims.filter((candidate) => candidate.run === variant)) {
    const failures = checkClaim(claim, events);
    if (failures.length > 0) {
      const detail = failures.map((failure) => `${failure.metric} was ${failure.measured}, expected ${failure.expected}`).join('; ');
      throw new LessonContentError(`${shown}/index.mdx: the claim "${claim.says}" does not hold in a fresh run of the ${variant}: ${detail}. Fix the code or the claim.`);
    }
  }
  const recording: Recording = { hash, node: process.version, recordedAt: new Date().toISOString(), end, events };
  mkdirSync(join(lessonFolder, 'recordings'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(recording)}\n`);
  return recording;
}

/** Runs the files in a child process (record-run.ts), which gets them on stdin. */
function recordRun(files: LessonFile[]): Promise<{ end: RunEnd; events: RunEvent[] }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [RECORD_SCRIPT], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as { end: RunEnd; events: RunEvent[] });
    });
    child.stdin?.end(JSON.stringify(files));
  });
}

/** The open-connections timeline of a recording, for charts (run/chart-series.ts). */
export function openSeries(recording: Recording): ChartSample[] {
  return recording.events.flatMap((event) => (event.type === 'meter' ? [chartSample(event.at, event.counts.server)] : []));
}
