// The workspace's run status: one polite live region that says what is happening now, in a
// sentence that tells the learner what to do next where there is something to do.

export type Tone = 'neutral' | 'ok' | 'error';

export function showStatus(root: ParentNode, text: string, tone: Tone = 'neutral'): void {
  const status = root.querySelector<HTMLElement>('[data-run-status]');
  if (!status) return;
  status.textContent = text;
  status.dataset.tone = tone;
}

/** A note under the status line that is there only when it has something to say. */
export function showNote(root: ParentNode, selector: string, text: string): void {
  const note = root.querySelector<HTMLElement>(selector);
  if (!note) return;
  note.textContent = text;
  note.hidden = !text;
}
