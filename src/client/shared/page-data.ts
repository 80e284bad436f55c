// Reads what the build wrote into the page with <PageData> (src/components/PageData.astro), and
// checks its shape: a page from an older build, or a hand-edited one, gives `undefined` and a
// console message instead of a TypeError deep in a click handler. The build already validated the
// content with its zod schemas; these checks are only as deep as the page's scripts rely on.
import type { RelianceOnPage } from '../../run/reliance-notice.ts';
import type { Challenge, Claim } from '../../schemas/lesson.ts';
import type { LessonFile } from '../../schemas/runner-protocol.ts';

type Check<T> = (value: unknown) => value is T;

export function readPageData<T>(root: ParentNode, name: string, check: Check<T>): T | undefined {
  const text = root.querySelector(`[data-page-data="${name}"]`)?.textContent;
  if (text == null) return undefined;
  const value = parseJson(text);
  if (check(value)) return value;
  console.error(`Keep-Alive Lab: the page's "${name}" data is not in the shape this script expects. Reload the page.`);
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const areStrings = (record: Record<string, unknown>, keys: string[]) => keys.every((key) => typeof record[key] === 'string');
const listOf =
  <T>(check: Check<T>): Check<T[]> =>
  (value): value is T[] =>
    Array.isArray(value) && value.every(check);

export const isLessonFiles = listOf((value): value is LessonFile => isRecord(value) && areStrings(value, ['name', 'content']));
export const isClaims = listOf((value): value is Claim => isRecord(value) && areStrings(value, ['run', 'says']) && isRecord(value.expect));
export const isChallenge: Check<Challenge> = (value): value is Challenge =>
  isRecord(value) && areStrings(value, ['id', 'title', 'task']) && isRecord(value.expect);
export const isReliances = listOf(
  (value): value is RelianceOnPage => isRecord(value) && areStrings(value, ['feature', 'why']) && Array.isArray(value.affects),
);
