// <lesson-challenge>: a task at the end of a lesson with no solution to copy. "Start" puts its
// code in the workspace's editors (undoable); "Check" runs the learner's code there and judges
// the run by the challenge's numbers, the same way lesson claims are judged in `npm test`.
import type { LessonWorkspace } from './lesson-workspace.ts';
import { learnerId, markChallengePassed } from './local-store.ts';
import { isChallenge, isLessonFiles, readPageData } from './page-data.ts';
import { showVerdict, type Verdict } from './verdict-view.ts';

export class LessonChallenge extends HTMLElement {
  get #challenge() {
    return readPageData(this, 'challenge', isChallenge);
  }

  async #workspace(): Promise<LessonWorkspace | undefined> {
    await customElements.whenDefined('lesson-workspace');
    return document.querySelector<LessonWorkspace>('lesson-workspace') ?? undefined;
  }

  connectedCallback() {
    for (const button of this.querySelectorAll<HTMLButtonElement>('button')) button.disabled = false;
    this.querySelector('[data-action="start-challenge"]')?.addEventListener('click', () => void this.#start());
    this.querySelector('[data-action="check-challenge"]')?.addEventListener('click', () => void this.#check());
  }

  async #start() {
    const workspace = await this.#workspace();
    const challenge = this.#challenge;
    if (!challenge) return;
    workspace?.startChallenge(readPageData(this, 'challenge-files', isLessonFiles) ?? [], challenge.title);
    workspace?.scrollIntoView({ block: 'nearest' });
  }

  async #check() {
    const workspace = await this.#workspace();
    const challenge = this.#challenge;
    if (!workspace || !challenge) return;
    this.#show({ text: 'Running your code…', items: [] });
    const run = await workspace.run();
    if (!run) return this.#show({ outcome: 'fail', text: 'The run did not start. The status above the code says why.', items: [] });
    if (run.end.reason === 'stopped') return this.#show({ text: 'The run was stopped before it could be judged.', items: [] });
    const verdict = (await import('./verdict.ts')).judgeChallenge(challenge, run.events);
    if (verdict.outcome === 'pass') {
      const lesson = workspace.dataset.lesson ?? '';
      markChallengePassed(lesson, challenge.id);
      void workspace.runtime.then((runtime) => runtime.reportPassed?.({ learner: learnerId(), lesson, challenge: challenge.id }));
    }
    this.#show(verdict);
  }

  #show(verdict: Verdict) {
    showVerdict(this.querySelector<HTMLElement>('[data-challenge-result]'), verdict);
  }
}

customElements.define('lesson-challenge', LessonChallenge);
