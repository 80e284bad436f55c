// Turns the events of a run into the numbers lessons make claims about, and checks a claim.
// Runs in Node (tests, the build) and in the browser (the page), so it imports no runtime code.
import type { Anchor, Bound, Claim, Metric, Moment } from '../schemas/lesson.ts';
import type { RunEvent } from '../schemas/run-events.ts';

export type RunSummary = Record<Metric, number>;

export { plural } from './plural.ts';

/** Each metric in words, for Check results and challenge texts. */
export const METRIC_NAMES: Record<Metric, string> = {
  peakOpen: 'Open connections at the peak',
  finalOpen: 'Open connections at the end',
  accepted: 'Connections accepted',
  requests: 'Requests',
  clientExitCode: 'The client’s exit code',
  errorResponses: 'Responses with a 5xx status the client received',
};

/**
 * The numbers of a run: the server's highest open count, its totals, the client's exit code
 * (-1 if it never exited by itself), and the 5xx responses the client's node:http requests got.
 * With a moment's `within`, only what happened up to `within`
 * ms after its `from` (Run, or the server's first or last request); a moment whose event never
 * happened is judged at the end of the run.
 */
export function summarise(events: Iterable<RunEvent>, moment: Moment = {}): RunSummary {
  const all = [...events];
  const cutoff = moment.within === undefined ? Infinity : (anchorTime(all, moment.from ?? 'run') ?? Infinity) + moment.within;
  const summary: RunSummary = { peakOpen: 0, finalOpen: 0, accepted: 0, requests: 0, clientExitCode: -1, errorResponses: 0 };
  for (const event of all) {
    if (event.type === 'exit' && event.process === 'client' && !event.stoppedByLab) summary.clientExitCode = event.code ?? -1;
    if (event.type !== 'meter' || event.at > cutoff) continue;
    if (event.process === 'client') {
      summary.errorResponses = event.counts.client?.errorResponses ?? 0;
      continue;
    }
    const { open, accepted, requests, peak } = event.counts.server;
    // The meter's exact peak where it reports one; samples alone could miss a brief top.
    summary.peakOpen = Math.max(summary.peakOpen, open, peak ?? 0);
    summary.finalOpen = open;
    summary.accepted = accepted;
    summary.requests = requests;
  }
  return summary;
}

/**
 * When `anchor` happened, in ms from Run: the server's first or last request, from the meter's
 * connection lanes (exact times, not sample times). Undefined if it never happened.
 */
export function anchorTime(events: readonly RunEvent[], anchor: Anchor): number | undefined {
  if (anchor === 'run') return 0;
  let first: number | undefined;
  let last: number | undefined;
  for (const event of events) {
    if (event.type !== 'meter' || event.process !== 'server') continue;
    for (const [, kind, at] of event.lanes ?? []) {
      if (kind !== 'request') continue;
      first = first === undefined ? at : Math.min(first, at);
      last = last === undefined ? at : Math.max(last, at);
    }
  }
  return anchor === 'firstRequest' ? first : last;
}

const ANCHOR_WORDS: Record<Anchor, string> = {
  run: 'of pressing Run',
  firstRequest: 'of the server’s first request',
  lastRequest: 'of the server’s last request',
};

/** "within 3 s of the server's first request": when a timed claim is judged, in words. */
export function describeMoment(moment: Moment): string | undefined {
  if (moment.within === undefined) return undefined;
  return `within ${moment.within / 1000} s ${ANCHOR_WORDS[moment.from ?? 'run']}`;
}

export interface ClaimFailure {
  metric: Metric;
  expected: string;
  measured: number;
}

export function checkClaim(claim: Claim, events: RunEvent[]): ClaimFailure[] {
  const summary = summarise(events, claim);
  const failures: ClaimFailure[] = [];
  for (const [metric, bound] of Object.entries(claim.expect) as [Metric, Bound][]) {
    const measured = summary[metric];
    if (!within(bound, measured)) failures.push({ metric, expected: describeBound(bound), measured });
  }
  return failures;
}

function within(bound: Bound, value: number): boolean {
  return (
    (bound.atLeast === undefined || value >= bound.atLeast) &&
    (bound.atMost === undefined || value <= bound.atMost) &&
    (bound.equals === undefined || value === bound.equals)
  );
}

/** "exactly 200", "at least 190", "between 1 and 2": how the prose states a bound. */
export function describeBound(bound: Bound): string {
  if (bound.equals !== undefined) return `exactly ${bound.equals}`;
  if (bound.atLeast !== undefined && bound.atMost !== undefined) return `between ${bound.atLeast} and ${bound.atMost}`;
  if (bound.atLeast !== undefined) return `at least ${bound.atLeast}`;
  return `at most ${bound.atMost}`;
}
