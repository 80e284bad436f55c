// Teach what you measure: every claim a lesson makes is checked here by running that lesson's
// own starter or solution on the pinned Node, through the same runner the page uses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkClaim, summarise } from '../src/lessons/claims.ts';
import { challengeRun } from '../src/lessons/lesson-files.ts';
import { lessonsOnDisk, runVariant } from './helpers/lessons.ts';

const lessons = lessonsOnDisk();

test('there are lessons to check', () => {
  assert.ok(lessons.length > 0);
});

for (const lesson of lessons) {
  describe(lesson.id, () => {
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
        const { end, events } = await runVariant(lesson, variant);
        // A run may fail on purpose (a watchdog exits 1); its clientExitCode claim says so.
        if (!claims.some((claim) => claim.expect.clientExitCode !== undefined)) assert.equal(end.reason, 'completed', end.message);
        for (const claim of claims) {
          const failures = checkClaim(claim, events).map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`);
          assert.deepEqual(failures, [], `content/lessons/${lesson.id}: "${claim.says}" does not hold: ${failures.join('; ')} (run: ${JSON.stringify(summarise(events, claim))})`);
        }
      });
    }
    // Challenges: the starting code must fail the challenge, and the reference answer must pass,
    // or the challenge asks for nothing (or for the impossible).
    for (const challenge of lesson.frontmatter.challenges) {
      const judge = async (which: 'starter' | 'reference') => {
        const run = challengeRun(challenge.id, which);
        const { events } = await runVariant(lesson, run);
        const failures = checkClaim({ run, says: challenge.task, within: challenge.within, from: challenge.from, expect: challenge.expect }, events);
        return { failures: failures.map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`), measured: JSON.stringify(summarise(events, challenge)) };
      };
      test(`challenge ${challenge.id}: its starting code fails it`, async () => {
        const { failures, measured } = await judge('starter');
        assert.ok(failures.length > 0, `content/lessons/${lesson.id}/challenges/${challenge.id}/starter passes its own challenge (${measured})`);
      });
      test(`challenge ${challenge.id}: its reference answer passes — ${challenge.task}`, async () => {
        const { failures, measured } = await judge('reference');
        assert.deepEqual(failures, [], `content/lessons/${lesson.id}/challenges/${challenge.id}/reference fails: ${failures.join('; ')} (${measured})`);
      });
    }
  });
}
