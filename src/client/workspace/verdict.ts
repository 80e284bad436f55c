// One way to judge a run and show the result, for the workspace's Check and for challenges: the
// claims are judged the way `npm test` judges them (src/run/claims.ts), and the result is a
// sentence of what was measured plus one line per number that missed. Pages load it when a run is
// judged (it brings the claims code), not with the page; verdict-view.ts shows the result.
import { checkClaim, describeMoment, METRIC_NAMES, plural, summarise } from '../../run/claims.ts';
import type { Challenge, Claim } from '../../schemas/lesson.ts';
import type { RunEvent } from '../../schemas/run-events.ts';
import type { Verdict } from './verdict-view.ts';


/** What a passed Check is: a press of Check or a Run that met the claims, and whose code it was. */
export interface CheckContext {
  by: 'check' | 'run';
  /** The learner had applied the lesson's solution (see local-store.ts for the rule). */
  solutionApplied: boolean;
}

function passed(measured: string, { by, solutionApplied }: CheckContext): string {
  if (solutionApplied) {
    const lead = by === 'check' ? 'Check passed with the solution applied.' : 'This run of the applied solution meets the lesson’s claims.';
    return `${lead} ${measured} The lesson is marked “solution applied”, not done: Reset the code and write the fix yourself to mark it done.`;
  }
  const lead = by === 'check' ? 'Check passed.' : 'Check passed: this run meets every claim the lesson’s Check judges, so it counts.';
  return `${lead} ${measured} This lesson is marked complete.`;
}

/** Check: the run passes when every solution claim about its end holds. */
export function judgeCheck(claims: Claim[], events: RunEvent[], context: CheckContext = { by: 'check', solutionApplied: false }): Verdict {
  const summary = summarise(events);
  const measured = `Measured: ${summary.accepted} ${plural(summary.accepted, 'connection')} accepted, ${summary.requests} ${plural(summary.requests, 'request')}, at most ${summary.peakOpen} open at once.`;
  if (claims.length === 0) return { outcome: 'fail', text: `Check failed. ${measured}`, items: ['This lesson has nothing to check yet.'] };
  const items = claims.flatMap((claim) =>
    checkClaim(claim, events).map(
      (failure) => `${METRIC_NAMES[failure.metric]} was ${failure.measured}, expected ${failure.expected}. Look at this: ${claim.says}`,
    ),
  );
  if (items.length === 0) return { outcome: 'pass', text: passed(measured, context), items };
  return { outcome: 'fail', text: `Check failed. ${measured}`, items };
}

/** A challenge: the run passes when its numbers are within the challenge's bounds. */
export function judgeChallenge(challenge: Challenge, events: RunEvent[]): Verdict {
  const claim = { run: 'challenge', says: challenge.task, within: challenge.within, from: challenge.from, expect: challenge.expect };
  const failures = checkClaim(claim, events);
  const summary = summarise(events, challenge);
  const moment = describeMoment(challenge);
  const measured = `Measured${moment ? ` ${moment}` : ''}: ${summary.requests} ${plural(summary.requests, 'request')}, ${summary.accepted} ${plural(summary.accepted, 'connection')} accepted, ${summary.finalOpen} open at the end.`;
  if (failures.length === 0) return { outcome: 'pass', text: `Challenge passed. ${measured}`, items: [] };
  return {
    outcome: 'fail',
    text: `Not yet. ${measured}`,
    items: failures.map((failure) => `${METRIC_NAMES[failure.metric]} was ${failure.measured}; the challenge needs ${failure.expected}.`),
  };
}
