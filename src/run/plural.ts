// A word for a count, on its own: the page's first script needs it, and importing it from
// claims.ts would bring all of the Check's code along (README, Performance: JavaScript before interaction).

/** "request" or "requests", for sentences about a run's numbers. */
export function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
