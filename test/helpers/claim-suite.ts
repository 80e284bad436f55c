// Every claim of every lesson, and both sides of every challenge, as node:test tests. Run plain
// by test/lessons.test.ts and confined by test/lessons-confined.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkClaim, summarise } from '../../src/run/claims.ts';
import { challengeRun } from '../../src/lessons/lesson-files.ts';
import { lessonsOnDisk, runVariant } from './lessons.ts';

export function claimSuite(confine: boolean): void {
  const lessons = lessonsOnDisk();
  const how = confine ? ' (confined)' : '';

  test(`there are lessons to check${how}`, () => {
    assert.ok(lessons.length > 0);
  });

  for (const lesson of lessons) {
    describe(`${lesson.id}${how}`, () => {
      for (const required of ['starter', 'solution']) {
        test(`makes at least one claim about its ${required}`, () => {
          assert.ok(
            lesson.frontmatter.claims.some((claim) => claim.run === required),
            `content/lessons/${lesson.id}/index.mdx has no claim with run: ${required}`,
          );
        });
      }
      for (const variant of new Set(lesson.frontmatter.claims.map((claim) => claim.run))) {
        const claims = lesson.frontmatter.claims.filter((claim) => claim.run === variant);
        test(`${variant}: ${claims.map((claim) => claim.says).join(' / ') || '(no claims)'}`, async () => {
          const { end, events } = await runVariant(lesson, variant, confine);
          // A run may fail on purpose (a watchdog exits 1); its clientExitCode claim says so.
          if (!claims.some((claim) => claim.expect.clientExitCode !== undefined)) assert.equal(end.reason, 'completed', end.message);
          for (const claim of claims) {
            const failures = checkClaim(claim, events).map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`);
            assert.deepEqual(failures, [], `content/lessons/${lesson.id}: "${claim.says}" does not hold${how}: ${failures.join('; ')} (run: ${JSON.stringify(summarise(events, claim))})`);
          }
        });
      }
      // Challenges: the starting code must fail the challenge, and the reference answer must pass,
      // or the challenge asks for nothing (or for the impossible).
      for (const challenge of lesson.frontmatter.challenges) {
        const judge = async (which: 'starter' | 'reference') => {
          const run = challengeRun(challenge.id, which);
          const { events } = await runVariant(lesson, run, confine);
          const failures = checkClaim({ run, says: challenge.task, within: challenge.within, from: challenge.from, expect: challenge.expect }, events);
          return { failures: failures.map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`), measured: JSON.stringify(summarise(events, challenge)) };
        };
        test(`challenge ${challenge.id}: its starting code fails it`, async () => {
          const { failures, measured } = await judge('starter');
          assert.ok(failures.length > 0, `content/lessons/${lesson.id}/challenges/${challenge.id}/starter passes its own challenge${how} (${measured})`);
        });
        test(`challenge ${challenge.id}: its reference answer passes — ${challenge.task}`, async () => {
          const { failures, measured } = await judge('reference');
          assert.deepEqual(failures, [], `content/lessons/${lesson.id}/challenges/${challenge.id}/reference fails${how}: ${failures.join('; ')} (${measured})`);
        });
      }
    });
  }
}
