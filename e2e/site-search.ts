// Searching the lab as a reader does: the search page's box, its button, and the count it announces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { lessonsOnDisk } from '../test/helpers/lessons.ts';

export async function searchFor(page: Page, query: string) {
  await page.getByRole('searchbox', { name: 'Search the lessons and the reference' }).fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`\\d+ results? for “${escapeRegExp(query)}”`));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// What a reader pastes from a terminal: Node's error codes, undici's, the messages that go with
// them, and the 5xx statuses a proxy answers with.
const ERROR_STRING =
  /\bE(?:CONN[A-Z]+|TIMEDOUT|PIPE|ADDRINUSE|NOTFOUND)\b|\bUND_ERR_[A-Z_]+\b|\bERR_[A-Z_]+\b|socket hang up|other side closed|fetch failed|connection reset by peer|\b(?:Timeout|Abort)Error\b|Bad Gateway|Service Unavailable|Gateway Timeout|\b50[234]\b/g;

/**
 * Each lesson's title and the error strings a learner meets in it: in its prose, or in its code
 * (every variant, Go included), which prints them. The frontmatter is left out: its instructor
 * notes are not shown to learners, and search leaves them out too.
 */
export function lessonErrorStrings(): { title: string; errors: string[] }[] {
  return lessonsOnDisk().flatMap((lesson) => {
    const texts = sourceFiles(lesson.folder).map((file) => readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
    const errors = [...new Set(texts.flatMap((text) => text.match(ERROR_STRING) ?? []))].sort();
    return errors.length ? [{ title: lesson.frontmatter.title, errors }] : [];
  });
}

/** index.mdx and the code of every variant: .js, .mjs and .go files, recordings left out. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(^|\/)index\.mdx$|\.(m?js|go)$/.test(name) && !name.includes('node_modules'))
    .map((name) => join(folder, name));
}
