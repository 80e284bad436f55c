// The Node release lines the lab supports. Every lesson claim is checked on each of them in
// `npm test` (test/helpers/node-lines.ts finds their binaries); the lab itself, its recordings
// and room mode's confined runs use the pinned line, today's Active LTS.
export const NODE_LINES = ['22', '24', '26'] as const;
export type NodeLine = (typeof NODE_LINES)[number];

/** The line package.json pins (the npm `node` package): npm scripts, recordings, the runner. */
export const PINNED_NODE_LINE: NodeLine = '26';

/** "Node 24 and 26", "Node 22, 24 and 26": for prose and titles. */
export function describeNodeLines(lines: readonly string[]): string {
  const sorted = [...lines].sort((a, b) => Number(a) - Number(b));
  if (sorted.length <= 1) return `Node ${sorted.join('')}`;
  return `Node ${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
}

/** Whether a claim is made about `line`: it names no lines (all of them), or names this one. */
export function claimAppliesOn(claim: { nodes?: readonly string[] | undefined }, line: string): boolean {
  return !claim.nodes || claim.nodes.includes(line);
}
