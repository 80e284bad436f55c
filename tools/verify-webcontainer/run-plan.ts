// What the kit runs: for every lesson its starter, solution and every variant, each with the
// claims the lesson makes about it, and both sides of every challenge, enumerated as
// test/helpers/claim-suite.ts does so that the kit checks what `npm test` checks.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { challengeRun, readLessonFiles } from '../../src/lessons/lesson-files.ts';
import type { Claim } from '../../src/schemas/lesson.ts';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';
import type { LessonOnDisk } from '../../test/helpers/lessons.ts';

export interface PlannedCheck {
  /** The claim in the lesson's words, or what a challenge check means. */
  says: string;
  claim: Claim;
  /** A challenge's starting code must fail its challenge, or the challenge asks for nothing. */
  mustFail: boolean;
}

export interface PlannedRun {
  lesson: string;
  /** starter, solution, a variants/ folder, or challenge:ID:starter|reference. */
  run: string;
  files: LessonFile[];
  checks: PlannedCheck[];
  /**
   * Whether the client must exit by itself with code 0, as claim-suite.ts requires of claimed runs
   * unless a claim is about the exit code; challenge runs are judged by their numbers only.
   */
  mustComplete: boolean;
  /**
   * Node features the lesson says this run relies on (frontmatter `relies`): where WebContainer
   * lacks one, the page tells the learner these claims need the local runner.
   */
  reliesOn: string[];
}

export function planRuns(lessons: readonly LessonOnDisk[]): PlannedRun[] {
  return lessons.flatMap((lesson) => [...claimedRuns(lesson), ...challengeRuns(lesson)]);
}

function claimedRuns(lesson: LessonOnDisk): PlannedRun[] {
  const { claims } = lesson.frontmatter;
  const variantsDir = join(lesson.folder, 'variants');
  const folders = existsSync(variantsDir) ? readdirSync(variantsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
  // A variant no claim names still runs: the learner can reach it, so it must at least complete.
  const runs = new Set(['starter', 'solution', ...claims.map((claim) => claim.run), ...folders.sort()]);
  return [...runs].map((run) => {
    const own = claims.filter((claim) => claim.run === run);
    return {
      lesson: lesson.id,
      run,
      files: readLessonFiles(lesson.folder, run),
      checks: own.map((claim) => ({ says: claim.says, claim, mustFail: false })),
      mustComplete: !own.some((claim) => claim.expect.clientExitCode !== undefined),
      reliesOn: reliesOn(lesson, run),
    };
  });
}

function challengeRuns(lesson: LessonOnDisk): PlannedRun[] {
  return lesson.frontmatter.challenges.flatMap((challenge) =>
    (['starter', 'reference'] as const).map((which) => {
      const run = challengeRun(challenge.id, which);
      const claim: Claim = { run, says: challenge.task, within: challenge.within, from: challenge.from, expect: challenge.expect };
      const says = which === 'starter' ? `Challenge ${challenge.id}: its starting code fails it` : `Challenge ${challenge.id}: its reference answer passes it`;
      return {
        lesson: lesson.id,
        run,
        files: readLessonFiles(lesson.folder, run),
        checks: [{ says, claim, mustFail: which === 'starter' }],
        mustComplete: false,
        reliesOn: reliesOn(lesson, challenge.id),
      };
    }),
  );
}

/** Read without assuming the schema has `relies`, so the kit works with lessons from before it. */
function reliesOn(lesson: LessonOnDisk, runOrChallenge: string): string[] {
  const relies = (lesson.frontmatter as { relies?: { feature: string; runs: string[] }[] }).relies ?? [];
  return relies.filter((entry) => entry.runs.includes(runOrChallenge)).map((entry) => entry.feature);
}

/** The Node major the lessons declare; WebContainer boots once, so they must agree. */
export function lessonsNodeMajor(lessons: readonly LessonOnDisk[]): number {
  const majors = [...new Set(lessons.map((lesson) => lesson.frontmatter.node))];
  if (majors.length !== 1) {
    throw new Error(`Lessons declare different Node majors (${majors.join(', ')}); one WebContainer boot cannot serve them all. Verify them in groups with --lesson.`);
  }
  return majors[0]!;
}
