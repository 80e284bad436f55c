// The workspace's status line: one polite live region that says what is happening now, in a
// sentence that tells the learner what to do next where there is something to do. One StatusLine
// per workspace, made by <lesson-workspace> and handed to all that speak: the controller, the
// buttons' actions, the Solve panel. What the runtime says only when all is well between runs
// ("Ready: … Press Run.") never covers what the learner did or what their run came to, whatever
// the order the events arrive in.

export type Tone = 'neutral' | 'ok' | 'error';

/** Where the words are shown: the live region on a page, a list in a test. */
export type ShowStatus = (text: string, tone: Tone) => void;

export class StatusLine {
  readonly #show: ShowStatus;
  /** Whether the line holds news of the learner's own (a run's end, an action): "Ready" leaves it. */
  #holdsNews = false;

  constructor(show: ShowStatus) {
    this.#show = show;
  }

  /** News of the learner's run or action: shown, and kept until something else happens. */
  say(text: string, tone: Tone = 'neutral'): void {
    this.#holdsNews = true;
    this.#show(text, tone);
  }

  /** A step on the way (choosing a runtime, booting, waiting in line, a run starting): shown. */
  progress(text: string, tone: Tone = 'neutral'): void {
    this.#holdsNews = false;
    this.#show(text, tone);
  }

  /** The runtime is ready and idle: says so, unless the line holds the learner's news. */
  idle(text: string): void {
    if (this.#holdsNews) return;
    this.#show(text, 'neutral');
  }
}

/** The status line of a page: the element marked data-run-status in `root`. */
export function statusLineIn(root: ParentNode): StatusLine {
  return new StatusLine((text, tone) => {
    const status = root.querySelector<HTMLElement>('[data-run-status]');
    if (!status) return;
    status.textContent = text;
    status.dataset.tone = tone;
  });
}

/** A note under the status line that is there only when it has something to say. */
export function showNote(root: ParentNode, selector: string, text: string): void {
  const note = root.querySelector<HTMLElement>(selector);
  if (!note) return;
  note.textContent = text;
  note.hidden = !text;
}
