// Turns the events of a run into the numbers lessons make claims about, and checks a claim.
// Runs in Node (tests) and in the browser (the page), so it imports nothing.
import type { Claim, Metric } from '../schemas/lesson.ts';
import type { RunEvent } from '../schemas/run-events.ts';

export type RunSummary = Record<Metric, number>;

/** The server's numbers over a run: the highest open count seen, and the totals at the end. */
export function summarise(events: Iterable<RunEvent>): RunSummary {
  const summary: RunSummary = { peakOpen: 0, finalOpen: 0, accepted: 0, requests: 0 };
  for (const event of events) {
    if (event.type !== 'meter' || event.process !== 'server') continue;
    const { open, accepted, requests } = event.counts.server;
    summary.peakOpen = Math.max(summary.peakOpen, open);
    summary.finalOpen = open;
    summary.accepted = accepted;
    summary.requests = requests;
  }
  return summary;
}

export interface ClaimFailure {
  metric: Metric;
  expected: string;
  measured: number;
}

export function checkClaim(claim: Claim, summary: RunSummary): ClaimFailure[] {
  const failures: ClaimFailure[] = [];
  for (const [metric, bound] of Object.entries(claim.expect) as [Metric, NonNullable<Claim['expect'][Metric]>][]) {
    const measured = summary[metric];
    if (bound.atLeast !== undefined && measured < bound.atLeast) failures.push({ metric, expected: `at least ${bound.atLeast}`, measured });
    if (bound.atMost !== undefined && measured > bound.atMost) failures.push({ metric, expected: `at most ${bound.atMost}`, measured });
    if (bound.equals !== undefined && measured !== bound.equals) failures.push({ metric, expected: `exactly ${bound.equals}`, measured });
  }
  return failures;
}
