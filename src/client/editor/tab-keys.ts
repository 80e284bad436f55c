// The keys of a tab list (WAI-ARIA Authoring Practices, "Tabs"): arrows move to the next or
// previous tab, wrapping around; Home and End go to the first and last.

/** The index of the tab a key moves to from `index`, or undefined if the key is not one of them. */
export function tabAfterKey(key: string, index: number, count: number): number | undefined {
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}
