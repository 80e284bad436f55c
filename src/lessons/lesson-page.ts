// Everything a lesson page needs, built in one place from the lesson's entry: the layout and the
// workspace take this one object. The code comes from the entry (read once by the loader); the
// recorded runs come from recordings/ (recorded again when the code or the meter changed).
import { dirname, resolve } from 'node:path';
import { reliancesOnPage, type RelianceOnPage } from '../run/reliance-notice.ts';
import type { Claim } from '../schemas/lesson.ts';
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { codeOf } from './lesson-code.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';
import type { LessonLink } from './lesson-list.ts';
import { goRunsOf, type GoRun } from './go-recordings.ts';
import { recordingFor, type Recording } from './recordings.ts';
import { lessonPreviewCard, linkPreview, type LinkPreview } from './link-preview.ts';

export interface LessonPage {
  lesson: LessonLink;
  previous?: LessonLink | undefined;
  next?: LessonLink | undefined;
  /** How many lessons there are, for presenter view's "Lesson 3 of 8". */
  total: number;
  /** files/: what the learner starts from. */
  files: LessonFile[];
  /** Only the files the fix changes: Solve shows each as a diff against the learner's version. */
  solutionFiles: LessonFile[];
  /** Each challenge's starting files that differ from the starter, by id (references never ship). */
  challengeFiles: Record<string, LessonFile[]>;
  /** Every run a claim names, recorded; charts show starter and solution. */
  recordings: Record<string, Recording> & { starter: Recording; solution: Recording };
  /** The solution's claims about the end of a run: what Check judges the learner's run by. */
  checkClaims: Claim[];
  /** Node features some claims rely on: named on the page if the runtime lacks them. */
  relies: RelianceOnPage[];
  /** Recorded runs of the lesson's Go clients (lesson 8), each beside a Node run; usually none. */
  goRuns: GoRun[];
  /** The image a pasted link to this lesson shows, from the starter's and the solution's runs. */
  preview: LinkPreview;
}

export async function lessonPage(lessons: LessonLink[], index: number): Promise<LessonPage> {
  const lesson = lessons[index];
  if (!lesson) throw new RangeError(`No lesson at ${index}`);
  const { entry } = lesson;
  const code = codeOf(entry);
  const files = code.starter;
  const changed = (version: LessonFile[]) => version.filter((file) => files.find((starter) => starter.name === file.name)?.content !== file.content);
  // filePath is relative to the project root, where Astro runs.
  const folder = resolve(dirname(entry.filePath ?? ''));
  const { claims, challenges } = entry.data;
  const recordings: Record<string, Recording> = {};
  for (const [run, runFiles] of Object.entries(code.runs)) recordings[run] = await recordingFor(folder, run, runFiles, claims);
  const { starter, solution } = recordings;
  if (!starter || !solution) throw new LessonContentError(`${entry.id}: the lesson has no starter (files/) or no solution (solution/) to record.`);
  return {
    lesson,
    previous: lessons[index - 1],
    next: lessons[index + 1],
    total: lessons.length,
    files,
    solutionFiles: changed(code.runs.solution ?? []),
    challengeFiles: Object.fromEntries(challenges.map((challenge) => [challenge.id, changed(code.challenges[challenge.id]?.starter ?? [])])),
    recordings: { ...recordings, starter, solution },
    // Check judges a learner's run on whatever Node runs it: only claims that hold on every line.
    checkClaims: claims.filter((claim) => claim.run === 'solution' && claim.within === undefined && !claim.nodes),
    relies: reliancesOnPage(entry.data),
    goRuns: goRunsOf(folder, claims),
    preview: linkPreview(lesson.slug, lessonPreviewCard(entry.data.title, lesson.number, lessons.length, starter, solution)),
  };
}
