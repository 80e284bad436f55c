// Teach what you measure: every claim a lesson makes is checked here by running that lesson's
// own starter or solution on the pinned Node, through the same runner the page uses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkClaim, summarise } from '../src/lessons/claims.ts';
import { lessonsOnDisk, runVariant } from './helpers/lessons.ts';

const lessons = lessonsOnDisk();

test('there are lessons to check', () => {
  assert.ok(lessons.length > 0);
});

for (const lesson of lessons) {
  describe(lesson.id, () => {
    for (const variant of ['starter', 'solution'] as const) {
      const claims = lesson.frontmatter.claims.filter((claim) => claim.run === variant);
      test(`makes at least one claim about its ${variant}`, () => {
        assert.ok(claims.length > 0, `content/lessons/${lesson.id}/index.mdx has no claim with run: ${variant}`);
      });
      test(`${variant}: ${claims.map((claim) => claim.says).join(' / ') || '(no claims)'}`, async () => {
        const { end, events } = await runVariant(lesson, variant);
        assert.equal(end.reason, 'completed', end.message);
        for (const claim of claims) {
          const failures = checkClaim(claim, events).map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`);
          assert.deepEqual(failures, [], `content/lessons/${lesson.id}: "${claim.says}" does not hold: ${failures.join('; ')} (run: ${JSON.stringify(summarise(events, claim.within))})`);
        }
      });
    }
  });
}
