// What a lesson page says when the runtime's Node is not the one the lesson was checked on: another
// major, or a feature some of the lesson's claims rely on missing (frontmatter `relies`,
// src/schemas/node-features.ts), with the claims and challenges that then need the local runner.
// Pure, so tests can use it as the page does.
import { NODE_FEATURES, type NodeFeature } from '../schemas/node-features.ts';
import type { LessonFrontmatter } from '../schemas/lesson.ts';
import { describeNodeLines, NODE_LINES, PINNED_NODE_LINE } from '../schemas/node-lines.ts';

/** One reliance as the page needs it: the affected runs already in words. */
export interface RelianceOnPage {
  feature: NodeFeature;
  why: string;
  /** The affected claims (what they say) and challenges (“the challenge …”). */
  affects: string[];
}

export function reliancesOnPage(lesson: Pick<LessonFrontmatter, 'relies' | 'claims' | 'challenges'>): RelianceOnPage[] {
  return lesson.relies.map((entry) => ({
    feature: entry.feature,
    why: entry.why,
    affects: entry.runs.flatMap((run) => {
      const challenge = lesson.challenges.find((candidate) => candidate.id === run);
      if (challenge) return [`the challenge “${challenge.title}”`];
      return lesson.claims.filter((claim) => claim.run === run).map((claim) => `“${claim.says}”`);
    }),
  }));
}

/** The notice, or undefined when the runtime has everything this lesson relies on. */
export function relianceNotice(missing: readonly NodeFeature[], relies: readonly RelianceOnPage[]): string | undefined {
  const hit = relies.filter((entry) => missing.includes(entry.feature));
  if (hit.length === 0) return undefined;
  const reasons = hit.map((entry) => `${entry.feature} is missing here (in Node, ${NODE_FEATURES[entry.feature]}). ${entry.why}`);
  const affected = [...new Set(hit.flatMap((entry) => entry.affects))];
  return `${reasons.join(' ')} So on this page these need the local runner (\`npm start\`): ${affected.join('; ')}.`;
}

/**
 * The notice when the runtime runs a Node line the lessons are not checked on (node-lines.ts), or
 * undefined. WebContainer serves whatever Node StackBlitz offers, whichever line the lab asked for.
 */
export function nodeVersionNotice(version: string | undefined): string | undefined {
  if (version === undefined || (NODE_LINES as readonly string[]).includes(version.split('.')[0] ?? '')) return undefined;
  return (
    `This browser runs Node ${version}, but this lesson's numbers are checked on ${describeNodeLines(NODE_LINES)}: ` +
    `they may differ here. The local runner (\`npm start\`) runs Node ${PINNED_NODE_LINE}.`
  );
}
