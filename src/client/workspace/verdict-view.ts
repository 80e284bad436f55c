// A verdict (of Check or a challenge, judged in verdict.ts) and its live region.

export interface Verdict {
  /** Undefined for a note that is neither a pass nor a fail ("Running your code…"). */
  outcome?: 'pass' | 'fail';
  text: string;
  items: string[];
}

/** Shows a verdict in its live region; `undefined` hides the region. */
export function showVerdict(region: HTMLElement | null, verdict: Verdict | undefined): void {
  if (!region) return;
  region.hidden = !verdict;
  if (!verdict) return;
  if (verdict.outcome) region.dataset.outcome = verdict.outcome;
  else delete region.dataset.outcome;
  const list = document.createElement('ul');
  for (const item of verdict.items) list.append(Object.assign(document.createElement('li'), { textContent: item }));
  region.replaceChildren(Object.assign(document.createElement('p'), { textContent: verdict.text }), ...(verdict.items.length ? [list] : []));
}
