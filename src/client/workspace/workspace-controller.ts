// The lesson controller, with no DOM of its own: one Run travels from here to the runtime, and its
// events come back to the meter, the output panel and the status line. It is handed its runtime
// (a promise, so the page can be read and edited before the runtime is known) and everything it
// shows things on, so a test drives it with a fake runtime and a recording view
// (test/client/workspace/workspace-controller.test.ts). <lesson-workspace> wires it to the page.
import type { RelianceOnPage } from '../../run/reliance-notice.ts';
import type { Runtime, RuntimeStatus } from '../../runtime/runtime.ts';
import type { Challenge, Claim } from '../../schemas/lesson.ts';
import type { RunEnd, RunEvent } from '../../schemas/run-events.ts';
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { MARK_RUN, RunAnnouncer, type Announcement } from './run-announcer.ts';
import { RunClock, type ClockDeps } from './run-clock.ts';
import { runtimeNote, runtimeStatusLine } from './runtime-notes.ts';
import type { StatusLine } from './status-line.ts';
import type { Verdict } from './verdict-view.ts';

/** A runtime and what the learner should know about it (e.g. WebContainer is in beta on phones). */
export interface ResolvedRuntime {
  runtime: Runtime;
  notice?: string;
}

/** What the controller shows things on: the parts of the workspace on a page. */
export interface WorkspaceView {
  /** The files as the learner has them now. */
  files(): LessonFile[];
  meter: { reset(): void; add(event: RunEvent): void; describe(): void };
  output: {
    clear(): void;
    add(event: RunEvent): void;
    note(text: string, level: 'info' | 'warning' | 'error'): void;
    /** Scrolls to the error line a failed run's status names, and marks it. */
    markError(error: NonNullable<RunEnd['firstError']>): void;
  };
  status: StatusLine;
  enableRun(enabled: boolean): void;
  /** Stop is there to press, and the workspace looks busy. */
  setRunning(running: boolean): void;
  showCheck(verdict: Verdict | undefined): void;
  /** How long the run has gone on and has left before the time limit ('' hides it). */
  showClock(text: string): void;
  /** The note under the status line about where code runs ('' hides it). */
  showRuntimeNote(text: string): void;
  showBetaNotice(text: string): void;
  /** The lesson was passed: the link to the next one shows. */
  showNextLink(): void;
}

/** What a passed Check leaves behind: the learner's progress, kept in the browser. */
export interface Progress {
  learnerId(): string;
  /** `solutionApplied`: passed with the lesson's solution applied, which is not a pass of their own. */
  lessonPassed(lesson: string, how: { solutionApplied: boolean }): void;
  challengePassed(lesson: string, challenge: string): void;
  /** Whether the learner applied the lesson's solution since they last reset its code (local-store.ts says the rule). */
  solutionApplied(lesson: string): boolean;
}

export interface LessonFacts {
  /** The lesson's id, its folder name (e.g. 02-the-leak), as the room board counts it. */
  lesson: string;
  /** The claims Check judges a run by (the solution's, about its end); undefined when the page could not give them. */
  checkClaims: Claim[] | undefined;
  relies: RelianceOnPage[];
}

export type RunResult = { end: RunEnd; events: RunEvent[] };

export class WorkspaceController {
  readonly #view: WorkspaceView;
  readonly #facts: LessonFacts;
  readonly #progress: Progress;
  #runtime!: Promise<Runtime>;
  #unsubscribe?: () => void;
  /** The run going on now: aborting it stops it. Undefined between runs. */
  #current?: AbortController;
  #interacted = false;
  #disposed = false;
  /** The runtime's last state, to tell "ready again after a run" from "ready at last" (after a failure or a boot). */
  #lastState?: RuntimeStatus['state'];
  readonly #clock: RunClock;

  constructor(view: WorkspaceView, facts: LessonFacts, progress: Progress, clock?: ClockDeps) {
    this.#view = view;
    this.#facts = facts;
    this.#progress = progress;
    this.#clock = new RunClock((text) => view.showClock(text), clock);
  }

  get runtime(): Promise<Runtime> {
    return this.#runtime;
  }

  /** Whether a run is going on (started and not yet ended). */
  get running(): boolean {
    return this.#current !== undefined;
  }

  /**
   * Takes a runtime (the first one, or another the learner chose). A run going on stops, and is
   * dropped like a superseded one: the line then speaks of the new runtime, not of that stop.
   */
  useRuntime(resolution: Promise<ResolvedRuntime>): void {
    const going = this.#current;
    this.#current = undefined;
    going?.abort();
    if (going) this.#view.setRunning(false);
    this.#clock.stop();
    this.#lastState = undefined;
    const runtime = resolution.then((resolved) => resolved.runtime);
    this.#runtime = runtime;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#view.status.progress('Choosing where to run code…');
    this.#view.showBetaNotice('');
    void resolution.then(({ runtime: resolved, notice }) => {
      if (this.#runtime !== runtime || this.#disposed) return;
      this.#view.showBetaNotice(notice ?? '');
      this.#view.enableRun(true);
      this.#showRuntime(resolved, resolved.status());
      this.#unsubscribe = resolved.onStatus((status) => this.#showRuntime(resolved, status));
      if (this.#interacted || resolved.kind === 'local') void resolved.prepare();
    });
  }

  /** The learner showed interest in the workspace: the runtime gets ready (connects, boots). */
  interacted(): void {
    if (this.#interacted) return;
    this.#interacted = true;
    void this.#runtime.then((runtime) => runtime.prepare());
  }

  stop(): void {
    this.#current?.abort();
  }

  /** The workspace left the page: the run stops, and nothing stays subscribed. */
  dispose(): void {
    this.#disposed = true;
    this.stop();
    this.#clock.stop();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /**
   * Runs the learner's code and judges it by the lesson's claims: with `check` it says how it
   * went, without it only a pass is said (and counted); `asChallenge` leaves the judging to a
   * challenge. Resolves with
   * what the run reported, or undefined when it did not start or a newer run took over.
   */
  async run({ check = false, asChallenge = false }: { check?: boolean; asChallenge?: boolean } = {}): Promise<RunResult | undefined> {
    performance.mark(MARK_RUN);
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    const runtime = await this.#runtime;
    if (this.#current !== controller) return undefined;
    const status = runtime.status();
    if (status.state === 'unavailable') {
      this.#current = undefined;
      this.#view.status.say(status.message, 'error');
      return undefined;
    }
    const { meter, output } = this.#view;
    const announcer = new RunAnnouncer();
    meter.reset();
    output.clear();
    this.#view.showCheck(undefined);
    this.#view.setRunning(true);
    this.#view.status.progress(check ? 'Checking: running your code…' : 'Starting server.js…');
    const events: RunEvent[] = [];
    const end = await runtime.run({
      files: this.#view.files(),
      signal: controller.signal,
      onEvent: (event) => {
        if (this.#current !== controller) return;
        events.push(event);
        if (event.type === 'phase' && event.timeLimitMs) this.#clock.start(event.timeLimitMs);
        meter.add(event);
        output.add(event);
        this.#announce(announcer.hear(event), false);
      },
    });
    // A newer run took over: it reports for itself.
    if (this.#current !== controller) return undefined;
    this.#current = undefined;
    this.#clock.stop();
    this.#view.setRunning(false);
    meter.describe();
    this.#announce(announcer.end(end), true);
    if (end.firstError) output.markError(end.firstError);
    // A Run that meets the claims Check judges by counts as a passed Check: the learner who fixed
    // the code sees so at once, rather than having to guess that Check would now pass. A Run that
    // does not meet them stays a Run: no verdict, since the learner may be exploring on purpose.
    // A challenge's run is judged by the challenge alone.
    if (check ? end.reason !== 'stopped' : end.reason === 'completed' && !asChallenge) await this.#check(events, check ? 'check' : 'run');
    return { end, events };
  }

  /** A challenge's Check: runs the learner's code and judges it by the challenge's numbers. */
  async checkChallenge(challenge: Challenge): Promise<Verdict> {
    const run = await this.run({ asChallenge: true });
    if (!run) return { outcome: 'fail', text: 'The run did not start. The run status says why.', items: [] };
    if (run.end.reason === 'stopped') return { text: 'The run was stopped before it could be judged.', items: [] };
    const verdict = (await import('./verdict.ts')).judgeChallenge(challenge, run.events);
    if (verdict.outcome === 'pass') {
      this.#progress.challengePassed(this.#facts.lesson, challenge.id);
      void this.#reportPassed(challenge.id);
    }
    return verdict;
  }

  /** Check (or a Run, judged the same way): the run passes when every claim about its end holds. */
  async #check(events: RunEvent[], by: 'check' | 'run') {
    const { checkClaims, lesson } = this.#facts;
    if (!checkClaims && by === 'run') return;
    const solutionApplied = this.#progress.solutionApplied(lesson);
    const verdict = checkClaims
      ? (await import('./verdict.ts')).judgeCheck(checkClaims, events, { by, solutionApplied })
      : { outcome: 'fail' as const, text: 'Check could not read this lesson’s claims from the page. Reload the page and check again.', items: [] };
    // A newer run started meanwhile: its own result will be shown.
    if (this.running) return;
    if (by === 'run' && verdict.outcome !== 'pass') return;
    if (verdict.outcome === 'pass') {
      this.#progress.lessonPassed(lesson, { solutionApplied });
      void this.#reportPassed(undefined, solutionApplied);
      this.#view.showNextLink();
    }
    this.#view.showCheck(verdict);
  }

  /** Tells a workshop's room board (if the runtime serves one) that this learner passed. */
  async #reportPassed(challenge?: string, solutionApplied = false) {
    const runtime = await this.#runtime;
    runtime.reportPassed?.({
      learner: this.#progress.learnerId(),
      lesson: this.#facts.lesson,
      ...(challenge ? { challenge } : {}),
      ...(solutionApplied ? { solutionApplied } : {}),
    });
  }

  #announce({ status, output: line }: Announcement, ended: boolean) {
    if (line) this.#view.output.note(line.text, line.level);
    if (!status) return;
    if (ended) this.#view.status.say(status.text, status.tone);
    else this.#view.status.progress(status.text, status.tone);
  }

  #showRuntime(runtime: Runtime, status: RuntimeStatus) {
    const line = runtimeStatusLine(runtime, status, this.running);
    const previous = this.#lastState;
    this.#lastState = status.state;
    // Ready between runs (after one, or after a wait in line) covers no news; ready at last, after
    // a failure or a boot, is news itself (a boot timeout promises to say Ready if Node starts).
    const betweenRuns = previous === undefined || previous === 'running' || previous === 'queued' || previous === 'ready' || previous === 'idle';
    if (line?.idle && betweenRuns) this.#view.status.idle(line.text);
    else if (line) this.#view.status.progress(line.text, line.tone);
    if (runtime.kind === 'none' && (status.state === 'unavailable' || status.state === 'failed')) this.#view.enableRun(false);
    const note = runtimeNote(runtime, status, this.#facts.relies);
    if (note !== undefined) this.#view.showRuntimeNote(note);
  }
}
