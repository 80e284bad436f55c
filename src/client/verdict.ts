// One way to judge a run and show the result, for the workspace's Check and for challenges: the
// claims are judged the way `npm test` judges them (src/run/claims.ts), and the result is a
// sentence of what was measured plus one line per number that missed.
import { checkClaim, describeMoment, METRIC_NAMES, plural, summarise } from '../run/claims.ts';
import type { Challenge, Claim } from '../schemas/lesson.ts';
import type { RunEvent } from '../schemas/run-events.ts';

export interface Verdict {
  /** Undefined for a note that is neither a pass nor a fail ("Running your code…"). */
  outcome?: 'pass' | 'fail';
  text: string;
  items: string[];
}

/** Check: the run passes when every solution claim about its end holds. */
export function judgeCheck(claims: Claim[], events: RunEvent[]): Verdict {
  const summary = summarise(events);
  const measured = `Measured: ${summary.accepted} ${plural(summary.accepted, 'connection')} accepted, ${summary.requests} ${plural(summary.requests, 'request')}, at most ${summary.peakOpen} open at once.`;
  if (claims.length === 0) return { outcome: 'fail', text: `Check failed. ${measured}`, items: ['This lesson has nothing to check yet.'] };
  const items = claims.flatMap((claim) =>
    checkClaim(claim, events).map(
      (failure) => `${METRIC_NAMES[failure.metric]} was ${failure.measured}, expected ${failure.expected}. Look at this: ${claim.says}`,
    ),
  );
  if (items.length === 0) return { outcome: 'pass', text: `Check passed. ${measured} This lesson is marked complete.`, items };
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

/** Shows a verdict in its live region; `undefined` hides the region. */
export function showVerdict(region: HTMLElement | null, verdict: Verdict | undefined): void {
  if (!region) return;
  region.hidden = !verdict;
  if (!verdict) return;
  if (verdict.outcome) region.dataset.outcome = verdict.outcome;
  else delete region.dataset.outcome;
  const list = document.createElement('ul');
  for (const item of verdict.items) list.append(Object.assign(document.createElement('li'), { textContent: item }));
  region.replaceChildren(Object.assign(document.createElement('p'), { textContent: verdict.text }), ...(verdict.items.length ? [list] : []));
}
