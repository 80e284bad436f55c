// <lesson-challenge>: a task at the end of a lesson with no solution to copy. "Start" puts its
// code in the workspace's editors (undoable); "Check" runs the learner's code there and judges
// the run by the challenge's numbers, the same way lesson claims are judged in `npm test`.
import { checkClaim, describeMoment, METRIC_NAMES, plural, summarise } from '../run/claims.ts';
import type { Challenge } from '../schemas/lesson.ts';
import type { LessonFile } from '../schemas/run-events.ts';
import type { LessonWorkspace } from './lesson-workspace.ts';
import { learnerId, markChallengePassed } from './local-store.ts';

export class LessonChallenge extends HTMLElement {
  get #challenge(): Challenge {
    return JSON.parse(this.querySelector('[data-challenge]')?.textContent ?? '{}') as Challenge;
  }

  get #files(): LessonFile[] {
    return JSON.parse(this.querySelector('[data-challenge-files]')?.textContent ?? '[]') as LessonFile[];
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
    workspace?.startChallenge(this.#files, this.#challenge.title);
    workspace?.scrollIntoView({ block: 'nearest' });
  }

  async #check() {
    const workspace = await this.#workspace();
    if (!workspace) return;
    const challenge = this.#challenge;
    this.#show(undefined, 'Running your code…');
    const run = await workspace.run();
    if (!run) {
      this.#show('fail', 'The run did not start. The status above the code says why.');
      return;
    }
    if (run.end.reason === 'stopped') {
      this.#show(undefined, 'The run was stopped before it could be judged.');
      return;
    }
    const claim = { run: 'challenge', says: challenge.task, within: challenge.within, from: challenge.from, expect: challenge.expect };
    const failures = checkClaim(claim, run.events);
    const summary = summarise(run.events, challenge);
    const moment = describeMoment(challenge);
    const when = moment ? ` ${moment}` : '';
    const measured = `Measured${when}: ${summary.requests} ${plural(summary.requests, 'request')}, ${summary.accepted} ${plural(summary.accepted, 'connection')} accepted, ${summary.finalOpen} open at the end.`;
    if (failures.length === 0) {
      markChallengePassed(workspace.dataset.lesson ?? '', challenge.id);
      void workspace.runtime.then((runtime) =>
        runtime.reportPassed?.({ learner: learnerId(), lesson: workspace.dataset.lesson ?? '', challenge: challenge.id }),
      );
      this.#show('pass', `Challenge passed. ${measured}`);
      return;
    }
    this.#show(
      'fail',
      `Not yet. ${measured}`,
      failures.map((failure) => `${METRIC_NAMES[failure.metric]} was ${failure.measured}; the challenge needs ${failure.expected}.`),
    );
  }

  #show(outcome: 'pass' | 'fail' | undefined, text: string, items: string[] = []) {
    const region = this.querySelector<HTMLElement>('[data-challenge-result]');
    if (!region) return;
    region.hidden = false;
    if (outcome) region.dataset.outcome = outcome;
    else delete region.dataset.outcome;
    const list = document.createElement('ul');
    for (const item of items) list.append(Object.assign(document.createElement('li'), { textContent: item }));
    region.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }), ...(items.length ? [list] : []));
  }
}


customElements.define('lesson-challenge', LessonChallenge);
