// <lesson-workspace>: the lesson controller. One Run travels from the button to the runtime,
// and its events come back to the meter, the output panel and the status line.
import {
  readRuntimeChoice,
  RUNTIME_CHOICE_KEY,
  RUNTIME_CHOICES,
  resolveRuntime,
  type RuntimeChoice,
} from '../runtime/choose-runtime.ts';
import type { Runtime, RuntimeStatus } from '../runtime/runtime.ts';
import { checkClaim, METRIC_NAMES, plural, summarise } from '../run/claims.ts';
import type { Claim, Metric } from '../schemas/lesson.ts';
import { nodeVersionNotice, relianceNotice, type RelianceOnPage } from '../run/reliance-notice.ts';
import { learnerId, markComplete } from './local-store.ts';
import { pageUrl } from './page-url.ts';
import { shareLink } from './share-link.ts';
import type { MeterCounts } from '../schemas/meter.ts';
import type { LessonFile, RunEnd, RunEvent } from '../schemas/run-events.ts';
import type { CodeTabs } from './code-tabs.ts';
import type { RunOutput } from './run-output.ts';
import type { SocketMeter } from './socket-meter.ts';

type Tone = 'neutral' | 'ok' | 'error';

// Performance marks for `npm run bench`: from pressing Run to the first meter sample on screen.
export const MARK_RUN = 'lab:run';
export const MARK_FIRST_SAMPLE = 'lab:first-sample';
/** Open connections at which the run status (a polite live region) says the count is climbing. */
const CLIMB_ANNOUNCED_AT = 50;

export class LessonWorkspace extends HTMLElement {
  /** The runtime is a promise, so the page renders and the code can be read and edited before it is known. */
  runtime!: Promise<Runtime>;
  /** Aborted when the element leaves the page: removes its listeners on document and window. */
  #connection?: AbortController;
  #unsubscribeStatus?: () => void;
  #interacted = false;
  #current?: AbortController;
  #lastCounts?: MeterCounts['server'];

  get #tabs() {
    return this.querySelector('code-tabs') as CodeTabs;
  }
  get #meter() {
    return this.querySelector('socket-meter') as SocketMeter;
  }
  get #output() {
    return this.querySelector('run-output') as RunOutput;
  }
  get #runButton() {
    return this.querySelector<HTMLButtonElement>('[data-action="run"]');
  }
  get #stopButton() {
    return this.querySelector<HTMLButtonElement>('[data-action="stop"]');
  }

  connectedCallback() {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const runButton = this.#runButton;
    if (runButton) runButton.disabled = false;
    runButton?.addEventListener('click', () => void this.run());
    this.#stopButton?.addEventListener('click', () => this.stop());
    this.#button('check')?.addEventListener('click', () => void this.run({ check: true }));
    this.#button('reset')?.addEventListener('click', () => this.#reset());
    this.#button('undo')?.addEventListener('click', () => this.#undo());
    this.#button('solve')?.addEventListener('click', () => void this.#openSolution());
    this.#button('apply-solution')?.addEventListener('click', () => this.#applySolution());
    this.#button('close-solution')?.addEventListener('click', () => this.#closeSolution());
    this.#button('copy-link')?.addEventListener('click', () => void this.#copyLink());
    this.#button('download')?.addEventListener('click', () => void this.#download());
    this.#button('back-to-mine')?.addEventListener('click', () => this.#leaveShared(false));
    this.#button('keep-shared')?.addEventListener('click', () => this.#leaveShared(true));
    this.addEventListener('shared-code', () => {
      const banner = this.querySelector<HTMLElement>('[data-shared-banner]');
      if (banner) banner.hidden = false;
      this.#status('Showing code from a shared link. Your own code is kept.');
    });
    this.addEventListener('files-changed', () => this.#refreshEditButtons());
    // <code-tabs> may be defined after this element; its saved edits decide whether Reset applies.
    void customElements.whenDefined('code-tabs').then(() => this.#refreshEditButtons());
    this.addEventListener('run-shortcut', () => void this.run());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        void this.run();
      }
    }, { signal });
    // Leaving the page stops the run; the runner would notice the closed connection anyway.
    window.addEventListener('pagehide', () => this.stop(), { signal });

    // The runtime gets ready (connects, boots WebContainer) on the first sign of interest.
    const onFirstInteraction = () => {
      if (this.#interacted) return;
      this.#interacted = true;
      void this.runtime.then((runtime) => runtime.prepare());
    };
    for (const type of ['pointerdown', 'focusin', 'keydown']) this.addEventListener(type, onFirstInteraction, { once: true });

    const choice = readRuntimeChoice(pageUrl(), storedChoice());
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
    this.#closeSolution();
  }

  /** Switches runtime without a reload, so the learner's edits stay where they are. */
  useRuntime(choice: RuntimeChoice, remember = true) {
    if (!RUNTIME_CHOICES.includes(choice)) return;
    this.stop();
    if (remember) rememberChoice(choice);
    const resolution = resolveRuntime(choice, { nodeMajor: Number(this.dataset.node ?? 22), ...bootTimeoutFromUrl() });
    const runtime = resolution.then((resolved) => resolved.runtime);
    this.runtime = runtime;
    this.#unsubscribeStatus?.();
    this.#status('Choosing where to run code…');
    this.#showBetaNotice(undefined);
    void resolution.then(({ runtime: resolved, notice }) => {
      if (this.runtime !== runtime || !this.isConnected) return;
      this.#showBetaNotice(notice);
      if (this.#runButton) this.#runButton.disabled = false;
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

    this.#meter.reset();
    this.#output.clear();
    this.#lastCounts = undefined;
    this.#showCheck(undefined);
    this.#setRunning(true);
    this.#status(check ? 'Checking: running your code…' : 'Starting server.js…');
    const events: RunEvent[] = [];
    const end = await runtime.run({
      files: this.#tabs.files(),
      signal: controller.signal,
      onEvent: (event) => {
        if (this.#current !== controller) return;
        events.push(event);
        this.#handle(event);
      },
    });
    // A newer run took over: it reports for itself.
    if (this.#current !== controller) return undefined;
    this.#current = undefined;
    this.#setRunning(false);
    this.#meter.describe();
    this.#report(end);
    if (check) this.#judge(end, events);
    return { end, events };
  }

  /** Puts a challenge's starting code in the editors; Undo brings the learner's code back. */
  startChallenge(files: LessonFile[], title: string) {
    this.stop();
    this.#closeSolution();
    const contents = new Map(this.#tabs.files().map((file) => [file.name, file.content]));
    for (const file of files) contents.set(file.name, file.content);
    this.#tabs.replace(contents);
    this.#offerUndo('Undo challenge');
    this.#status(`The code for the challenge "${title}" is in the editor. Undo challenge brings your code back.`);
  }

  /** Check: the run passes when every solution claim holds for it. */
  #judge(end: RunEnd, events: RunEvent[]) {
    if (end.reason === 'stopped') return;
    const claims = JSON.parse(this.querySelector('[data-lesson-checks]')?.textContent ?? '[]') as Claim[];
    const summary = summarise(events);
    const failed = claims.map((claim) => ({ claim, failures: checkClaim(claim, events) })).filter((result) => result.failures.length > 0);
    const measured = `Measured: ${summary.accepted} ${plural(summary.accepted, 'connection')} accepted, ${summary.requests} ${plural(summary.requests, 'request')}, at most ${summary.peakOpen} open at once.`;
    if (claims.length > 0 && failed.length === 0) {
      markComplete(this.dataset.lesson ?? '');
      void this.runtime.then((runtime) => runtime.reportPassed?.({ learner: learnerId(), lesson: this.dataset.lesson ?? '' }));
      this.#showCheck('pass', `Check passed. ${measured} This lesson is marked complete.`, []);
      const next = this.querySelector<HTMLElement>('[data-next-link]');
      if (next) next.hidden = false;
      return;
    }
    const items = failed.flatMap(({ claim, failures }) =>
      failures.map((failure) => `${METRIC_NAMES[failure.metric]} was ${failure.measured}, expected ${failure.expected}. Look at this: ${claim.says}`),
    );
    this.#showCheck('fail', `Check failed. ${measured}`, claims.length === 0 ? ['This lesson has nothing to check yet.'] : items);
  }

  #showCheck(outcome: 'pass' | 'fail' | undefined, text = '', items: string[] = []) {
    const region = this.querySelector<HTMLElement>('[data-check-result]');
    if (!region) return;
    region.hidden = outcome === undefined;
    if (outcome === undefined) return;
    region.dataset.outcome = outcome;
    const paragraph = Object.assign(document.createElement('p'), { textContent: text });
    const list = document.createElement('ul');
    for (const item of items) list.append(Object.assign(document.createElement('li'), { textContent: item }));
    region.replaceChildren(paragraph, ...(items.length ? [list] : []));
  }

  #reset() {
    this.stop();
    this.#tabs.reset();
    this.#offerUndo('Undo reset');
    this.#status('Back to the starter code. Undo reset brings your edits back.');
  }

  #undo() {
    this.#tabs.undo();
    const undo = this.#button('undo');
    if (undo) undo.hidden = true;
    this.#button('run')?.focus();
    this.#status('Your code is back.');
  }

  #offerUndo(label: string) {
    const undo = this.#button('undo');
    if (!undo) return;
    undo.textContent = label;
    undo.hidden = false;
    undo.focus();
  }

  #solution(): LessonFile[] {
    return JSON.parse(this.querySelector('[data-lesson-solution]')?.textContent ?? '[]') as LessonFile[];
  }

  #diffs: { dispose(): void }[] = [];

  /** Solve: the solution as a diff against the learner's code; nothing changes until applied. */
  async #openSolution() {
    const panel = this.querySelector<HTMLElement>('[data-solve-panel]');
    const container = this.querySelector<HTMLElement>('[data-solve-diffs]');
    if (!panel || !container) return;
    this.#closeSolution();
    panel.hidden = false;
    this.#status('Loading the solution…');
    const { showDiff } = await this.#tabs.loadEditor();
    if (!this.isConnected) return; // Gone to another lesson meanwhile: nothing would dispose the diffs.
    const mine = new Map(this.#tabs.files().map((file) => [file.name, file.content]));
    for (const file of this.#solution()) {
      const label = Object.assign(document.createElement('p'), { className: 'solve-file', textContent: file.name });
      const host = Object.assign(document.createElement('div'), { className: 'solve-diff' });
      container.append(label, host);
      this.#diffs.push(showDiff(host, file.name, mine.get(file.name) ?? '', file.content));
    }
    this.#status('The solution is shown next to your code. Apply it, or keep your code.');
    this.#button('apply-solution')?.focus();
  }

  #applySolution() {
    const contents = new Map(this.#tabs.files().map((file) => [file.name, file.content]));
    for (const file of this.#solution()) contents.set(file.name, file.content);
    this.#closeSolution();
    this.#tabs.replace(contents);
    this.#offerUndo('Undo solve');
    this.#status('The solution is in the editor. Undo solve brings your code back.');
  }

  #closeSolution() {
    for (const diff of this.#diffs.splice(0)) diff.dispose();
    this.querySelector('[data-solve-diffs]')?.replaceChildren();
    const panel = this.querySelector<HTMLElement>('[data-solve-panel]');
    if (panel) panel.hidden = true;
  }

  async #copyLink() {
    const link = await shareLink(this.#tabs.files(), new URL(location.href));
    if (!link.ok) {
      this.#status(link.message, 'error');
      return;
    }
    try {
      await navigator.clipboard.writeText(link.url);
      this.#status(`Link copied. It carries your code (${Math.ceil(link.chars / 1000)} kB, in the part of the address no server sees).`);
    } catch {
      history.replaceState(history.state, '', link.url);
      this.#status('The address bar now holds a link with your code: copy it from there.');
    }
  }

  async #download() {
    const { downloadLesson } = await import('./download-lesson.ts');
    downloadLesson(this.dataset.slug ?? 'lesson', this.dataset.title ?? 'Lesson', this.#tabs.files());
    this.#status('Downloaded a zip with your code. Unpack it and run: node run.js');
  }

  #leaveShared(keep: boolean) {
    this.#tabs.leaveShared(keep);
    const banner = this.querySelector<HTMLElement>('[data-shared-banner]');
    if (banner) banner.hidden = true;
    this.#status(keep ? 'The shared code is now yours, and saved.' : 'Your own code is back.');
  }

  #refreshEditButtons() {
    for (const action of ['copy-link', 'download']) {
      const button = this.#button(action);
      if (button) button.disabled = false;
    }
    const reset = this.#button('reset');
    if (reset) reset.disabled = !this.#tabs.edited();
    const check = this.#button('check');
    if (check) check.disabled = false;
    const solve = this.#button('solve');
    if (solve) solve.disabled = this.#solution().length === 0;
  }

  #button(action: string) {
    return this.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  }

  #handle(event: RunEvent) {
    switch (event.type) {
      case 'phase':
        if (event.phase === 'starting-client') this.#status(`Running: server.js listens on port ${event.port}, client.js started.`);
        break;
      case 'output':
        this.#output.print(event.process, event.stream, event.text);
        break;
      case 'meter':
        if (event.process === 'server') {
          if (!this.#lastCounts) requestAnimationFrame(() => performance.mark(MARK_FIRST_SAMPLE));
          // One announcement when the count climbs, not one per sample: a leak is the news.
          const threshold = CLIMB_ANNOUNCED_AT;
          if ((this.#lastCounts?.open ?? 0) < threshold && event.counts.server.open >= threshold) {
            this.#status(`Running: open connections passed ${threshold} and are still counted.`);
          }
          this.#lastCounts = event.counts.server;
          this.#meter.show(event.counts.server, event.at);
          this.#meter.addLanes(event);
        }
        break;
      case 'exit':
        this.#output.note(
          `${event.process}.js ${describeExit(event)}`,
          !event.stoppedByLab && event.code !== 0 ? 'error' : 'info',
        );
        break;
      case 'notice':
        this.#output.note(event.text, event.level);
        break;
    }
  }

  #report(end: RunEnd) {
    const seconds = (end.durationMs / 1000).toFixed(1);
    if (end.reason === 'completed') {
      const counts = this.#lastCounts;
      if (!counts) {
        const message = `Finished in ${seconds} s, but the meter could not count connections in this runtime, so its numbers stay blank rather than show a wrong 0.`;
        this.#output.note(message, 'warning');
        this.#status(message);
        return;
      }
      this.#status(
        `Finished in ${seconds} s: ${counts.requests} ${plural(counts.requests, 'request')} over ${counts.accepted} ${plural(counts.accepted, 'connection')}.`,
        'ok',
      );
      return;
    }
    if (end.reason === 'stopped') {
      this.#status(`Stopped after ${seconds} s.`);
      return;
    }
    const message = end.message ?? 'The run failed.';
    this.#output.note(message, 'error');
    this.#status(message, 'error');
  }

  #showRuntime(runtime: Runtime, status: RuntimeStatus) {
    if (status.state === 'unavailable' || status.state === 'failed') {
      this.#status(status.message, 'error');
      if (runtime.kind === 'none' && this.#runButton) this.#runButton.disabled = true;
    } else if (status.state === 'booting') {
      this.#status(status.detail);
    } else if (status.state === 'queued') {
      this.#status(
        status.ahead === 0
          ? 'Waiting: your run is next, and starts by itself. Stop leaves the line.'
          : `Waiting: ${status.ahead} ${plural(status.ahead, 'run')} ahead of you. Your run starts by itself; Stop leaves the line.`,
      );
    } else if ((status.state === 'ready' || status.state === 'idle') && !this.#current) {
      this.#status(`Ready: code runs with the ${runtime.label}. Press Run.`);
    }
    if (status.state === 'ready' || status.state === 'failed' || status.state === 'unavailable') this.#showRuntimeNote(runtime, status);
  }

  /** Another Node version, a late start, or a feature this lesson relies on missing where it runs. */
  #showRuntimeNote(runtime: Runtime, status: RuntimeStatus) {
    const note = this.querySelector<HTMLElement>('[data-runtime-note]');
    if (!note) return;
    const relies = JSON.parse(this.dataset.relies ?? '[]') as RelianceOnPage[];
    const parts =
      status.state === 'ready'
        ? [status.note, nodeVersionNotice(runtime.nodeVersion, Number(this.dataset.node ?? 22)), relianceNotice(runtime.missingFeatures ?? [], relies)]
        : [];
    note.textContent = parts.filter(Boolean).join(' ');
    note.hidden = !note.textContent;
  }

  /** Where WebContainer runs only in beta (phones) and the learner chose it anyway. */
  #showBetaNotice(notice: string | undefined) {
    const element = this.querySelector<HTMLElement>('[data-beta-notice]');
    if (!element) return;
    element.textContent = notice ?? '';
    element.hidden = !notice;
  }

  #setRunning(running: boolean) {
    if (this.#stopButton) this.#stopButton.disabled = !running;
    this.toggleAttribute('data-running', running);
  }

  #status(text: string, tone: Tone = 'neutral') {
    const status = this.querySelector<HTMLElement>('[data-run-status]');
    if (!status) return;
    status.textContent = text;
    status.dataset.tone = tone;
  }
}

/** `?webcontainer-timeout=5` (seconds) shortens the boot timeout, e.g. for tests of the offline path. */
function bootTimeoutFromUrl(): { bootTimeoutMs?: number } {
  const seconds = Number(pageUrl().searchParams.get('webcontainer-timeout'));
  return seconds > 0 ? { bootTimeoutMs: seconds * 1000 } : {};
}

function storedChoice(): string | null {
  try {
    return localStorage.getItem(RUNTIME_CHOICE_KEY);
  } catch {
    return null; // Storage blocked: the choice just does not persist.
  }
}

/** Keeps the choice for the next page, and in the URL so a copied link carries it. */
function rememberChoice(choice: RuntimeChoice) {
  try {
    localStorage.setItem(RUNTIME_CHOICE_KEY, choice);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  const url = new URL(location.href);
  if (choice === 'auto') url.searchParams.delete('runtime');
  else url.searchParams.set('runtime', choice);
  history.replaceState(history.state, '', url);
}


function describeExit(exit: Extract<RunEvent, { type: 'exit' }>): string {
  if (exit.stoppedByLab) return 'was stopped by the lab.';
  if (exit.code !== null) return `exited with code ${exit.code}.`;
  return `was ended by signal ${exit.signal}.`;
}

customElements.define('lesson-workspace', LessonWorkspace);
