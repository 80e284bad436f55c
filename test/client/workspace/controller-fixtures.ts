// What the controller's tests share: a lesson's files and runs, a view that records what the page
// would show, progress that records what was marked, and a controller wired to them.
import { StatusLine, type Tone } from '../../../src/client/workspace/status-line.ts';
import type { Verdict } from '../../../src/client/workspace/verdict-view.ts';
import { WorkspaceController, type ResolvedRuntime, type WorkspaceView } from '../../../src/client/workspace/workspace-controller.ts';
import type { Runtime } from '../../../src/runtime/runtime.ts';
import type { Claim } from '../../../src/schemas/lesson.ts';
import type { RunEnd, RunEvent } from '../../../src/schemas/run-events.ts';

export const FILES = [
  { name: 'server.js', content: 'server' },
  { name: 'client.js', content: 'client' },
];

/** A meter sample of the server's counts, as the runtime reports them. */
export function sample(open: number, accepted: number, requests: number, at = 100): RunEvent {
  return {
    type: 'meter',
    process: 'server',
    at,
    counts: { server: { open, accepted, requests, peak: open } },
  } as unknown as RunEvent;
}

export const ONE_CONNECTION = [
  { type: 'phase', phase: 'starting-client', port: 4000 } as RunEvent,
  sample(1, 1, 100),
  sample(1, 1, 200, 200),
];
export const LEAKING = [{ type: 'phase', phase: 'starting-client', port: 4000 } as RunEvent, sample(200, 200, 200)];
export const COMPLETED: RunEnd = { reason: 'completed', durationMs: 1200 };

export const CHECKS: Claim[] = [{ run: 'solution', says: 'One connection carries every request.', expect: { accepted: { equals: 1 }, requests: { equals: 200 } } } as Claim];

export function recordingView() {
  const said: { text: string; tone: Tone }[] = [];
  const log: string[] = [];
  const checks: (Verdict | undefined)[] = [];
  const view: WorkspaceView = {
    files: () => FILES,
    meter: { reset: () => log.push('meter reset'), add: (event) => log.push(`meter ${event.type}`), describe: () => log.push('meter describe') },
    output: { clear: () => log.push('output clear'), add: (event) => log.push(`output ${event.type}`), note: (text, level) => log.push(`note ${level}: ${text}`),
      markError: (error) => log.push(`mark ${error.process}: ${error.where ?? ''} ${error.text}`),
    },
    status: new StatusLine((text, tone) => said.push({ text, tone })),
    enableRun: (enabled) => log.push(`run ${enabled ? 'enabled' : 'disabled'}`),
    setRunning: (running) => log.push(running ? 'running' : 'not running'),
    showCheck: (verdict) => checks.push(verdict),
    showClock: (text) => log.push(`clock: ${text}`),
    showRuntimeNote: (text) => log.push(`runtime note: ${text}`),
    showBetaNotice: (text) => text && log.push(`beta: ${text}`),
    showNextLink: () => log.push('next link'),
  };
  return { view, said, log, checks, lastSaid: () => said.at(-1)?.text ?? '' };
}

/** `applied`: the learner applied the lesson's solution (Solve, Apply) and has not reset since. */
export function recordingProgress(applied = false) {
  const passed: string[] = [];
  return {
    passed,
    progress: {
      learnerId: () => 'learner-1',
      lessonPassed: (lesson: string, how: { solutionApplied: boolean }) => passed.push(how.solutionApplied ? `${lesson} (solution applied)` : lesson),
      challengePassed: (lesson: string, id: string) => passed.push(`${lesson}/${id}`),
      solutionApplied: () => applied,
    },
  };
}

/** `checks`: null for a page that could not give the lesson's claims. */
export function controllerWith(runtime: Runtime, checks: Claim[] | null = CHECKS, { solutionApplied = false } = {}) {
  const page = recordingView();
  const { passed, progress } = recordingProgress(solutionApplied);
  const controller = new WorkspaceController(page.view, { lesson: '02-the-leak', checkClaims: checks ?? undefined, relies: [] }, progress);
  controller.useRuntime(Promise.resolve<ResolvedRuntime>({ runtime }));
  return { controller, page, passed };
}

/** Lets the promises the controller started settle. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
