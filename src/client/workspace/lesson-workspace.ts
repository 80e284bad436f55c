// <lesson-workspace>: wires the lesson controller (workspace-controller.ts) to the page. It finds
// the parts the controller shows things on (the meter, the output panel, the status line, the
// buttons), hands it the runtime the learner chose (resolveRuntime), and passes the buttons and
// shortcuts on. What each part says and does lives beside it: the buttons that act on the code
// (workspace-actions.ts), the Solve panel (solve-panel.ts, loaded on first use), the runtime
// choice (runtime-choice.ts). Its markup is src/components/LessonWorkspace.astro.
import { resolveRuntime, RUNTIME_CHOICES, type RuntimeChoice } from '../../runtime/choose-runtime.ts';
import type { Challenge } from '../../schemas/lesson.ts';
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { FILES_CHANGED_EVENT, RUN_SHORTCUT_EVENT, type RunShortcut, SHARED_CODE_EVENT } from '../shared/lab-events.ts';
import { learnerId, markChallengePassed, markComplete, markSolutionApplied, solutionApplied } from '../shared/local-store.ts';
import { isClaims, isLessonFiles, isReliances, readPageData } from '../shared/page-data.ts';
import type { CodeTabs } from './code-tabs.ts';
import type { RunOutput } from './run-output.ts';
import { bootTimeoutFromUrl, initialRuntimeChoice, rememberRuntimeChoice } from './runtime-choice.ts';
import { bringIntoView } from './meter-in-view.ts';
import type { SocketMeter } from './socket-meter.ts';
import type { SolvePanel } from './solve-panel.ts';
import { showNote, statusLineIn } from './status-line.ts';
import { showVerdict, type Verdict } from './verdict-view.ts';
import * as actions from './workspace-actions.ts';
import { WorkspaceController, type WorkspaceView } from './workspace-controller.ts';

export class LessonWorkspace extends HTMLElement {
  #controller?: WorkspaceController;
  /** Aborted when the element leaves the page: removes its listeners on document and window. */
  #connection?: AbortController;
  #solve?: Promise<SolvePanel>;
  #parts?: actions.WorkspaceParts;
  /** Whether the solution was applied before the code that Undo would take back. */
  #solutionAppliedBefore = false;

  get #solution() {
    return readPageData(this, 'lesson-solution', isLessonFiles) ?? [];
  }

  connectedCallback() {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const parts: actions.WorkspaceParts = { root: this, tabs: this.querySelector('code-tabs') as CodeTabs, status: statusLineIn(this) };
    this.#parts = parts;
    const controller = new WorkspaceController(
      this.#view(parts),
      {
        lesson: this.dataset.lesson ?? '',
        checkClaims: readPageData(this, 'lesson-check-claims', isClaims),
        relies: readPageData(this, 'lesson-relies', isReliances) ?? [],
      },
      { learnerId, lessonPassed: markComplete, challengePassed: markChallengePassed, solutionApplied },
    );
    const lesson = this.dataset.lesson ?? '';
    const replacing = (applied: boolean) => this.#replacingCode(applied);
    this.#controller = controller;
    const on = (action: string, handler: () => unknown) => actions.button(parts, action)?.addEventListener('click', () => void handler());
    on('run', () => controller.run());
    on('stop', () => controller.stop());
    on('check', () => controller.run({ check: true }));
    on('reset', () => (controller.stop(), replacing(false), actions.resetCode(parts)));
    on('undo', () => (markSolutionApplied(lesson, this.#solutionAppliedBefore), actions.undoReplace(parts)));
    on('solve', async () => (await this.#solvePanel()).open());
    on('apply-solution', async () => (replacing(true), (await this.#solvePanel()).apply()));
    on('close-solution', async () => (await this.#solvePanel()).close());
    on('copy-link', () => actions.copyLink(parts));
    on('download', () => actions.download(parts));
    on('back-to-mine', () => actions.leaveShared(parts, false));
    on('keep-shared', () => actions.leaveShared(parts, true));
    this.addEventListener(SHARED_CODE_EVENT, () => {
      actions.showSharedBanner(parts, true);
      parts.status.say('Showing code from a shared link. Your own code is kept.');
    });
    const refresh = () => actions.refreshEditButtons(parts, this.#solution.length > 0);
    this.addEventListener(FILES_CHANGED_EVENT, refresh);
    // <code-tabs> may be defined after this element; its saved edits decide whether Reset applies.
    void customElements.whenDefined('code-tabs').then(refresh);
    // Ctrl/Cmd+Enter runs; with Shift it checks, as the Check button does.
    const runOrCheck = (check: boolean) => void controller.run(check ? { check: true } : undefined);
    this.addEventListener(RUN_SHORTCUT_EVENT, (event) => runOrCheck((event as CustomEvent<RunShortcut | null>).detail?.check === true));
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      event.preventDefault();
      runOrCheck(event.shiftKey);
    };
    document.addEventListener('keydown', onKey, { signal });
    // "Skip to the code" (BaseLayout.astro): the soft-navigation router scrolls to #workspace but
    // leaves focus where it was; focus goes to the workspace, so the next Tab lands on Run.
    document.addEventListener(
      'click',
      (event) => {
        if (!(event.target instanceof Element && event.target.closest('a[href="#workspace"]'))) return;
        setTimeout(() => this.querySelector<HTMLElement>('#workspace')?.focus());
      },
      { signal },
    );
    // Leaving the page stops the run; the runner would notice the closed connection anyway.
    window.addEventListener('pagehide', () => controller.stop(), { signal });
    // The runtime gets ready (connects, boots WebContainer) on the first sign of interest.
    for (const type of ['pointerdown', 'focusin', 'keydown']) this.addEventListener(type, () => controller.interacted(), { once: true, signal });

    const choice = initialRuntimeChoice();
    const control = this.querySelector<HTMLSelectElement>('[data-runtime-choice]');
    if (control) {
      control.value = choice;
      control.disabled = false;
      control.addEventListener('change', () => this.#useRuntime(control.value as RuntimeChoice));
    }
    this.#useRuntime(choice, false);
  }

  /**
   * Soft navigation to another page removes this element while the page's JavaScript, and the
   * runtime, live on: the run stops (its processes too), and nothing of this lesson stays
   * subscribed or listening. Element listeners go with the element: it is removed, never moved.
   */
  disconnectedCallback() {
    this.#connection?.abort();
    this.#controller?.dispose();
    void this.#solve?.then((panel) => panel.close());
  }

  /** A challenge's Check, judged and counted by the controller. */
  checkChallenge(challenge: Challenge): Promise<Verdict> {
    if (!this.#controller) return Promise.resolve({ outcome: 'fail', text: 'The workspace is not ready. Reload the page.', items: [] });
    return this.#controller.checkChallenge(challenge);
  }

  /** Puts a challenge's starting code in the editors; Undo brings the learner's code back. */
  startChallenge(files: LessonFile[], title: string) {
    if (!this.#parts) return;
    this.#controller?.stop();
    void this.#solve?.then((panel) => panel.close());
    this.#replacingCode(solutionApplied(this.dataset.lesson ?? ''));
    actions.putCode(this.#parts, files, 'Undo challenge', `The code for the challenge "${title}" is in the editor. Undo challenge brings your code back.`);
  }

  /**
   * Whether the solution is applied follows the code: Apply sets it, Reset clears it, and Undo
   * brings back whatever held before the code it takes back (local-store.ts states the rule).
   */
  #replacingCode(solutionAppliedNow: boolean) {
    const lesson = this.dataset.lesson ?? '';
    this.#solutionAppliedBefore = solutionApplied(lesson);
    markSolutionApplied(lesson, solutionAppliedNow);
  }

  /** Switches runtime without a reload, so the learner's edits stay where they are. */
  #useRuntime(choice: RuntimeChoice, remember = true) {
    if (!RUNTIME_CHOICES.includes(choice)) return;
    if (remember) rememberRuntimeChoice(choice);
    this.#controller?.useRuntime(resolveRuntime(choice, { nodeMajor: Number(this.dataset.node ?? 22), ...bootTimeoutFromUrl() }));
  }

  #view(parts: actions.WorkspaceParts): WorkspaceView {
    const run = () => actions.button(parts, 'run');
    const stop = () => actions.button(parts, 'stop');
    return {
      files: () => parts.tabs.files(),
      meter: this.querySelector('socket-meter') as SocketMeter,
      output: this.querySelector('run-output') as RunOutput,
      status: parts.status,
      enableRun: (enabled) => {
        const button = run();
        if (button) button.disabled = !enabled;
      },
      setRunning: (running) => {
        const button = stop();
        if (button) button.disabled = !running;
        this.toggleAttribute('data-running', running);
        if (running) bringIntoView(this.querySelector('socket-meter'));
      },
      showCheck: (verdict) => showVerdict(this.querySelector<HTMLElement>('[data-check-result]'), verdict),
      showClock: (text) => showNote(this, '[data-run-clock]', text),
      showRuntimeNote: (text) => showNote(this, '[data-runtime-note]', text),
      showBetaNotice: (text) => showNote(this, '[data-beta-notice]', text),
      showNextLink: () => {
        const next = this.querySelector<HTMLElement>('[data-next-link]');
        if (next) next.hidden = false;
      },
    };
  }

  #solvePanel(): Promise<SolvePanel> {
    this.#solve ??= import('./solve-panel.ts').then(({ SolvePanel }) => new SolvePanel(this.#parts!, this.#solution));
    return this.#solve;
  }
}

customElements.define('lesson-workspace', LessonWorkspace);
