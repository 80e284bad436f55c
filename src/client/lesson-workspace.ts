// <lesson-workspace>: the lesson controller. One Run travels from the button to the runtime, and
// its events come back to the meter, the output panel and the status line. What each part says
// and does lives beside it: the verdict of a Check (verdict.ts), the run's announcements
// (run-announcer.ts), the runtime's status and notes (runtime-notes.ts), the buttons that act on
// the code (workspace-actions.ts) and the Solve panel (solve-panel.ts, loaded on first use).
import { resolveRuntime, RUNTIME_CHOICES, type RuntimeChoice } from '../runtime/choose-runtime.ts';
import type { Runtime, RuntimeStatus } from '../runtime/runtime.ts';
import type { RunEnd, RunEvent } from '../schemas/run-events.ts';
import type { LessonFile } from '../schemas/runner-protocol.ts';
import type { CodeTabs } from './code-tabs.ts';
import { learnerId, markComplete } from './local-store.ts';
import { isClaims, isLessonFiles, isReliances, readPageData } from './page-data.ts';
import { MARK_RUN, RunAnnouncer, type Announcement } from './run-announcer.ts';
import type { RunOutput } from './run-output.ts';
import { bootTimeoutFromUrl, initialRuntimeChoice, rememberRuntimeChoice } from './runtime-choice.ts';
import { runtimeNote, runtimeStatusLine } from './runtime-notes.ts';
import type { SocketMeter } from './socket-meter.ts';
import type { SolvePanel } from './solve-panel.ts';
import { showNote, showStatus, type Tone } from './status-line.ts';
import { showVerdict, type Verdict } from './verdict-view.ts';
import * as actions from './workspace-actions.ts';

export class LessonWorkspace extends HTMLElement {
  /** The runtime is a promise, so the page renders and the code can be read and edited before it is known. */
  runtime!: Promise<Runtime>;
  /** Aborted when the element leaves the page: removes its listeners on document and window. */
  #connection?: AbortController;
  #unsubscribeStatus?: () => void;
  #interacted = false;
  #current?: AbortController;
  #solve?: Promise<SolvePanel>;

  get #parts(): actions.WorkspaceParts {
    return { root: this, tabs: this.querySelector('code-tabs') as CodeTabs };
  }
  get #solution() {
    return readPageData(this, 'lesson-solution', isLessonFiles) ?? [];
  }
  get #nodeMajor() {
    return Number(this.dataset.node ?? 22);
  }

  connectedCallback() {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const parts = this.#parts;
    const on = (action: string, handler: () => unknown) => actions.button(parts, action)?.addEventListener('click', () => void handler());
    on('run', () => this.run());
    on('stop', () => this.stop());
    on('check', () => this.run({ check: true }));
    on('reset', () => (this.stop(), actions.resetCode(parts)));
    on('undo', () => actions.undoReplace(parts));
    on('solve', async () => (await this.#solvePanel()).open());
    on('apply-solution', async () => (await this.#solvePanel()).apply());
    on('close-solution', async () => (await this.#solvePanel()).close());
    on('copy-link', () => actions.copyLink(parts));
    on('download', () => actions.download(parts));
    on('back-to-mine', () => actions.leaveShared(parts, false));
    on('keep-shared', () => actions.leaveShared(parts, true));
    this.#enableRun(true);
    this.addEventListener('shared-code', () => {
      actions.showSharedBanner(parts, true);
      this.#status('Showing code from a shared link. Your own code is kept.');
    });
    const refresh = () => actions.refreshEditButtons(parts, this.#solution.length > 0);
    this.addEventListener('files-changed', refresh);
    // <code-tabs> may be defined after this element; its saved edits decide whether Reset applies.
    void customElements.whenDefined('code-tabs').then(refresh);
    this.addEventListener('run-shortcut', () => void this.run());
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      event.preventDefault();
      void this.run();
    };
    document.addEventListener('keydown', onKey, { signal });
    // Leaving the page stops the run; the runner would notice the closed connection anyway.
    window.addEventListener('pagehide', () => this.stop(), { signal });

    // The runtime gets ready (connects, boots WebContainer) on the first sign of interest.
    const onFirstInteraction = () => {
      if (this.#interacted) return;
      this.#interacted = true;
      void this.runtime.then((runtime) => runtime.prepare());
    };
    for (const type of ['pointerdown', 'focusin', 'keydown']) this.addEventListener(type, onFirstInteraction, { once: true });

    const choice = initialRuntimeChoice();
    const control = this.querySelector<HTMLSelectElement>('[data-runtime-choice]');
    if (control) {
      control.value = choice;
      control.disabled = false;
      control.addEventListener('change', () => this.useRuntime(control.value as RuntimeChoice));
    }
    this.useRuntime(choice, false);
  }

  /**
   * Soft navigation to another page removes this element while the page's JavaScript, and the
   * runtime, live on: the run stops (its processes too), and nothing of this lesson stays
   * subscribed or listening. Element listeners go with the element: it is removed, never moved.
   */
  disconnectedCallback() {
    this.#connection?.abort();
    this.stop();
    this.#unsubscribeStatus?.();
    this.#unsubscribeStatus = undefined;
    void this.#solve?.then((panel) => panel.close());
  }

  /** Switches runtime without a reload, so the learner's edits stay where they are. */
  useRuntime(choice: RuntimeChoice, remember = true) {
    if (!RUNTIME_CHOICES.includes(choice)) return;
    this.stop();
    if (remember) rememberRuntimeChoice(choice);
    const resolution = resolveRuntime(choice, { nodeMajor: this.#nodeMajor, ...bootTimeoutFromUrl() });
    const runtime = resolution.then((resolved) => resolved.runtime);
    this.runtime = runtime;
    this.#unsubscribeStatus?.();
    this.#status('Choosing where to run code…');
    this.#showBetaNotice(undefined);
    void resolution.then(({ runtime: resolved, notice }) => {
      if (this.runtime !== runtime || !this.isConnected) return;
      this.#showBetaNotice(notice);
      this.#enableRun(true);
      this.#showRuntime(resolved, resolved.status());
      this.#unsubscribeStatus = resolved.onStatus((status) => this.#showRuntime(resolved, status));
      if (this.#interacted || resolved.kind === 'local') void resolved.prepare();
    });
  }

  stop() {
    this.#current?.abort();
  }

  /**
   * Runs the learner's code; with `check`, judges the run by the lesson's solution claims.
   * Resolves with what the run reported (challenges judge it themselves), or undefined when the
   * run did not start or a newer one took over.
   */
  async run({ check = false }: { check?: boolean } = {}): Promise<{ end: RunEnd; events: RunEvent[] } | undefined> {
    performance.mark(MARK_RUN);
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    const runtime = await this.runtime;
    if (this.#current !== controller) return undefined;
    const status = runtime.status();
    if (status.state === 'unavailable') {
      this.#status(status.message, 'error');
      return undefined;
    }

    const meter = this.querySelector('socket-meter') as SocketMeter;
    const output = this.querySelector('run-output') as RunOutput;
    const announcer = new RunAnnouncer();
    const announce = ({ status, output: line }: Announcement) => {
      if (line) output.note(line.text, line.level);
      if (status) this.#status(status.text, status.tone);
    };
    meter.reset();
    output.clear();
    this.#showCheck(undefined);
    this.#setRunning(true);
    this.#status(check ? 'Checking: running your code…' : 'Starting server.js…');
    const events: RunEvent[] = [];
    const end = await runtime.run({
      files: this.#parts.tabs.files(),
      signal: controller.signal,
      onEvent: (event) => {
        if (this.#current !== controller) return;
        events.push(event);
        meter.add(event);
        output.add(event);
        announce(announcer.hear(event));
      },
    });
    // A newer run took over: it reports for itself.
    if (this.#current !== controller) return undefined;
    this.#current = undefined;
    this.#setRunning(false);
    meter.describe();
    announce(announcer.end(end));
    if (check && end.reason !== 'stopped') await this.#check(events);
    return { end, events };
  }

  /** Puts a challenge's starting code in the editors; Undo brings the learner's code back. */
  startChallenge(files: LessonFile[], title: string) {
    this.stop();
    void this.#solve?.then((panel) => panel.close());
    actions.putCode(this.#parts, files, 'Undo challenge', `The code for the challenge "${title}" is in the editor. Undo challenge brings your code back.`);
  }

  /** Check: the run passes when every solution claim about its end holds. */
  async #check(events: RunEvent[]) {
    const claims = readPageData(this, 'lesson-checks', isClaims);
    const verdict = claims
      ? (await import('./verdict.ts')).judgeCheck(claims, events)
      : { outcome: 'fail' as const, text: 'Check could not read this lesson’s claims from the page. Reload the page and check again.', items: [] };
    if (verdict.outcome === 'pass') {
      const lesson = this.dataset.lesson ?? '';
      markComplete(lesson);
      void this.runtime.then((runtime) => runtime.reportPassed?.({ learner: learnerId(), lesson }));
      const next = this.querySelector<HTMLElement>('[data-next-link]');
      if (next) next.hidden = false;
    }
    this.#showCheck(verdict);
  }

  #showCheck(verdict: Verdict | undefined) {
    showVerdict(this.querySelector<HTMLElement>('[data-check-result]'), verdict);
  }

  #solvePanel(): Promise<SolvePanel> {
    this.#solve ??= import('./solve-panel.ts').then(({ SolvePanel }) => new SolvePanel(this.#parts, this.#solution));
    return this.#solve;
  }

  #showRuntime(runtime: Runtime, status: RuntimeStatus) {
    const line = runtimeStatusLine(runtime, status, this.#current !== undefined);
    if (line) this.#status(line.text, line.tone);
    if (runtime.kind === 'none' && (status.state === 'unavailable' || status.state === 'failed')) this.#enableRun(false);
    const text = runtimeNote(runtime, status, readPageData(this, 'lesson-relies', isReliances) ?? []);
    if (text !== undefined) showNote(this, '[data-runtime-note]', text);
  }

  /** Where WebContainer runs only in beta (phones) and the learner chose it anyway. */
  #showBetaNotice(notice: string | undefined) {
    showNote(this, '[data-beta-notice]', notice ?? '');
  }

  #enableRun(enabled: boolean) {
    const run = actions.button(this.#parts, 'run');
    if (run) run.disabled = !enabled;
  }

  #setRunning(running: boolean) {
    const stop = actions.button(this.#parts, 'stop');
    if (stop) stop.disabled = !running;
    this.toggleAttribute('data-running', running);
  }

  #status(text: string, tone: Tone = 'neutral') {
    showStatus(this, text, tone);
  }
}

customElements.define('lesson-workspace', LessonWorkspace);
