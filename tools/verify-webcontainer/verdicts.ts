// Judges each planned check twice, on the local run (real Node) and the WebContainer run, with
// the same claim code the lesson page uses. A check passes only if both runs really ran and
// the claim holds in both; "really ran" is decided here, not assumed, so that a run that never
// started cannot pass a claim such as "at most 1 connection".
import { checkClaim, describeBound, summarise } from '../../src/run/claims.ts';
import type { Bound, Metric } from '../../src/schemas/lesson.ts';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';
import type { PlannedRun } from './run-plan.ts';

export interface RunOutcome {
  end: RunEnd;
  events: RunEvent[];
}

/** A run that could not happen at all (boot failed, the page crashed): why, in words. */
export type RunResult = RunOutcome | { notRun: string };

export type Verdict =
  | 'pass'
  /** It differs in WebContainer, which lacks a Node feature the lesson says this run relies on. */
  | 'needs the local runner, as the lesson says'
  | 'fails in WebContainer'
  | 'fails locally'
  | 'did not run in WebContainer'
  | 'did not run locally';

/** Verdicts the site is right to have: the claim holds, or the page tells the learner it cannot here. */
export const ACCEPTED_VERDICTS: readonly Verdict[] = ['pass', 'needs the local runner, as the lesson says'];

export interface CheckRow {
  lesson: string;
  run: string;
  says: string;
  /** The claim's bounds in words, e.g. "accepted: at most 1". */
  expects: string;
  local: string;
  webContainer: string;
  verdict: Verdict;
}

/** Whether a run produced what claims are judged on; if not, why, in words for the report. */
export function whyNotRan(result: RunResult, mustComplete: boolean): string | undefined {
  if ('notRun' in result) return `did not run: ${result.notRun}`;
  const { end, events } = result;
  const ended = `${end.reason}${end.message ? `: ${end.message}` : ''}`;
  if (!events.some((event) => event.type === 'phase' && event.phase === 'starting-client')) return `did not run: client.js never started (${ended})`;
  if (!events.some((event) => event.type === 'meter' && event.process === 'server')) return 'did not run: the server’s meter sent no samples';
  if (mustComplete && end.reason !== 'completed') return `did not complete: the run ended ${ended}`;
  return undefined;
}

/**
 * @param missingFeatures what the WebContainer runtime reported its Node lacks after boot. A
 * difference is excused only for a run the lesson declares reliant on one of them, and only if
 * the run really happened there: a declaration never covers a run that did not start.
 */
export function judgeRun(planned: PlannedRun, local: RunResult, webContainer: RunResult, missingFeatures: readonly string[] = []): CheckRow[] {
  const localProblem = whyNotRan(local, planned.mustComplete);
  const containerProblem = whyNotRan(webContainer, planned.mustComplete);
  const containerRan = whyNotRan(webContainer, false) === undefined;
  const declared = planned.reliesOn.some((feature) => missingFeatures.includes(feature));
  // A run without claims still gets a row: it must run in both places.
  const checks = planned.checks.length > 0 ? planned.checks : [undefined];
  return checks.map((check) => {
    const expects = check ? Object.entries(check.claim.expect).map(([metric, bound]) => `${metric}: ${describeBound(bound as Bound)}`).join(', ') : 'runs to the end';
    const holds = (result: RunResult) => {
      if (!check || 'notRun' in result) return true;
      const failed = checkClaim(check.claim, result.events).length > 0;
      return check.mustFail ? failed : !failed;
    };
    const shown = (result: RunResult, problem: string | undefined) => problem ?? (check ? measured(check.claim, result as RunOutcome) : 'ran');
    const verdict: Verdict = !containerRan
      ? 'did not run in WebContainer'
      : localProblem
        ? 'did not run locally'
        : !holds(local)
          ? 'fails locally'
          : !containerProblem && holds(webContainer)
            ? 'pass'
            : declared
              ? 'needs the local runner, as the lesson says'
              : 'fails in WebContainer';
    return {
      lesson: planned.lesson,
      run: planned.run,
      says: check ? check.says : `${planned.run} (no claims)`,
      expects: check?.mustFail ? `not ${expects}` : expects,
      local: shown(local, localProblem),
      webContainer: shown(webContainer, containerProblem),
      verdict,
    };
  });
}

/** "accepted 1, requests 200": the metrics a claim names, as measured at the claim's moment. */
function measured(claim: PlannedRun['checks'][number]['claim'], outcome: RunOutcome): string {
  const summary = summarise(outcome.events, claim);
  return (Object.keys(claim.expect) as Metric[]).map((metric) => `${metric} ${summary[metric]}`).join(', ');
}
