// <lesson-challenge>: a task at the end of a lesson with no solution to copy. "Start" puts its
// code in the workspace's editors (undoable); "Check" runs the learner's code there and judges
// the run by the challenge's numbers, the same way lesson claims are judged in `npm test`.
import type { LessonWorkspace } from './lesson-workspace.ts';
import { isChallenge, isLessonFiles, readPageData } from '../shared/page-data.ts';
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

  /** The workspace runs the code, judges it and counts a pass (workspace-controller.ts); this shows the verdict. */
  async #check() {
    const workspace = await this.#workspace();
    const challenge = this.#challenge;
    if (!workspace || !challenge) return;
    this.#show({ text: 'Running your code…', items: [] });
    this.#show(await workspace.checkChallenge(challenge));
  }

  #show(verdict: Verdict) {
    showVerdict(this.querySelector<HTMLElement>('[data-challenge-result]'), verdict);
  }
}

customElements.define('lesson-challenge', LessonChallenge);
