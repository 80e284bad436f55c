// Every claim of every lesson, and both sides of every challenge, as node:test tests. Run plain
// on every supported Node line by test/content/lessons.test.ts, and confined (on the pinned line, as room
// mode runs code) by test/content/lessons-confined.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkClaim, summarise } from '../../src/run/claims.ts';
import { challengeRun, type LessonVariant } from '../../src/lessons/lesson-files.ts';
import type { Claim } from '../../src/schemas/lesson.ts';
import { claimAppliesOn, PINNED_NODE_LINE } from '../../src/schemas/node-lines.ts';
import { lessonsOnDisk, runVariant, type LessonOnDisk } from './lessons.ts';
import type { NodeBinary } from './node-lines.ts';

/**
 * `lines`: the Node lines to run each variant on. Each variant runs on all of them at once: a
 * run mostly waits on sockets and timers, and the claims must hold on a busy machine anyway.
 * Undefined: the pinned Node only (confined runs cannot use another binary).
 */
export function claimSuite(confine: boolean, lines?: NodeBinary[]): void {
  const lessons = lessonsOnDisk();
  const how = confine ? ' (confined)' : '';
  const targets = lines ?? [undefined];
  const onLine = (line: NodeBinary | undefined) => (line ? ` on Node ${line.line}` : '');

  /** Runs a variant on every target line at once. */
  const runEverywhere = (lesson: LessonOnDisk, variant: LessonVariant) =>
    Promise.all(targets.map(async (line) => ({ line, ...(await runVariant(lesson, variant, confine, line?.path)) })));

  // Without a line (a confined run), the pinned one.
  const appliesOn = (claim: Pick<Claim, 'nodes'>, line: NodeBinary | undefined) => claimAppliesOn(claim, line?.line ?? PINNED_NODE_LINE);

  test(`there are lessons to check${how}`, () => {
    assert.ok(lessons.length > 0);
  });

  for (const lesson of lessons) {
    describe(`${lesson.id}${how}`, () => {
      for (const required of ['starter', 'solution']) {
        test(`makes at least one claim about its ${required} that holds on every line`, () => {
          assert.ok(
            lesson.frontmatter.claims.some((claim) => claim.run === required && !claim.nodes),
            `content/lessons/${lesson.id}/index.mdx has no claim with run: ${required} for every Node line`,
          );
        });
      }
      for (const variant of new Set(lesson.frontmatter.claims.map((claim) => claim.run))) {
        const claims = lesson.frontmatter.claims.filter((claim) => claim.run === variant);
        const lineNames = lines ? ` [Node ${lines.map((line) => line.line).join(', ')}]` : '';
        test(`${variant}${lineNames}: ${claims.map((claim) => claim.says).join(' / ') || '(no claims)'}`, async () => {
          const problems: string[] = [];
          for (const { line, end, events } of await runEverywhere(lesson, variant)) {
            const mine = claims.filter((claim) => appliesOn(claim, line));
            // A run may fail on purpose (a watchdog exits 1); its clientExitCode claim says so.
            if (mine.length > 0 && !mine.some((claim) => claim.expect.clientExitCode !== undefined) && end.reason !== 'completed') {
              problems.push(`the run${onLine(line)} ended ${end.reason}: ${end.message ?? ''}`);
            }
            for (const claim of mine) {
              const failures = checkClaim(claim, events).map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`);
              if (failures.length > 0) {
                problems.push(`"${claim.says}" does not hold${how}${onLine(line)}: ${failures.join('; ')} (run: ${JSON.stringify(summarise(events, claim))})`);
              }
            }
          }
          assert.deepEqual(problems, [], `content/lessons/${lesson.id}:\n${problems.join('\n')}`);
        });
      }
      // Challenges: the starting code must fail the challenge, and the reference answer must pass,
      // or the challenge asks for nothing (or for the impossible). On every line.
      for (const challenge of lesson.frontmatter.challenges) {
        const judge = async (which: 'starter' | 'reference') => {
          const run = challengeRun(challenge.id, which);
          return (await runEverywhere(lesson, run)).map(({ line, events }) => {
            const failures = checkClaim({ run, says: challenge.task, within: challenge.within, from: challenge.from, expect: challenge.expect }, events);
            return { line, failures: failures.map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`), measured: JSON.stringify(summarise(events, challenge)) };
          });
        };
        test(`challenge ${challenge.id}: its starting code fails it`, async () => {
          const passing = (await judge('starter')).filter(({ failures }) => failures.length === 0);
          assert.deepEqual(
            passing.map(({ line, measured }) => `content/lessons/${lesson.id}/challenges/${challenge.id}/starter passes its own challenge${how}${onLine(line)} (${measured})`),
            [],
          );
        });
        test(`challenge ${challenge.id}: its reference answer passes — ${challenge.task}`, async () => {
          const failing = (await judge('reference')).filter(({ failures }) => failures.length > 0);
          assert.deepEqual(
            failing.map(({ line, failures, measured }) => `content/lessons/${lesson.id}/challenges/${challenge.id}/reference fails${how}${onLine(line)}: ${failures.join('; ')} (${measured})`),
            [],
          );
        });
      }
    });
  }
}
