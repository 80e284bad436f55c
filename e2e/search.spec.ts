// Site search, built at build time, answering in the browser with no server of its own.
import { expect, test } from '@playwright/test';
import { escapeRegExp, lessonErrorStrings, searchFor } from './site-search.ts';

test('searching for "resume" finds the leak lesson', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await searchFor(page, 'resume');
  // Results are sections, named by their page and then their heading.
  await page.getByRole('link', { name: /^The leak\b/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
});

// Readers arrive with an error message, not a lesson title: each string they paste finds its lesson.
const PASTED: [string, RegExp][] = [
  ['socket hang up', /^The reuse race/],
  ['ECONNRESET', /^The reuse race/],
  ['other side closed', /^The reuse race/],
  ['UND_ERR_SOCKET', /^The reuse race/],
  ['UND_ERR_HEADERS_TIMEOUT', /^Deadlines/],
  ['TimeoutError', /^Deadlines/],
  ['502', /^A proxy in the middle/],
  ['Bad Gateway', /^A proxy in the middle/],
  ['upstream prematurely closed connection', /^A proxy in the middle/],
];
for (const [pasted, lesson] of PASTED) {
  test(`searching for the error "${pasted}" finds the lesson ${lesson.source.slice(1)}`, async ({ page }) => {
    await page.goto('/search/');
    await searchFor(page, pasted);
    await page.getByRole('link', { name: lesson }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: lesson })).toBeVisible();
  });
}

test('an exact phrase ranks first: "socket hang up" leads to a section that says it, not one that says "up"', async ({ page }) => {
  await page.goto('/search/');
  await searchFor(page, 'socket hang up');
  const results = page.getByRole('list').filter({ has: page.getByRole('link') }).last().getByRole('listitem');
  // The first few results each hold the phrase itself; Pagefind's own order put "gives up" second.
  for (const index of [0, 1, 2]) await expect(results.nth(index)).toContainText(/socket hang up/i);
  // The result is the section: its address points at the section's heading, which is on screen.
  await results.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/(lessons|reference)\/[\w-]*\/?(#[\w-]+)?$/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  if (anchor) await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();
  await expect(page.getByRole('main').getByText(/socket hang up/i).filter({ visible: true }).first()).toBeVisible();
});

// Every error a lesson's prose or code names (its runs print them, or it teaches them) finds that lesson.
for (const { title, errors } of lessonErrorStrings()) {
  test(`every error string of "${title}" finds it: ${errors.join(', ')}`, async ({ page }) => {
    await page.goto('/search/');
    for (const error of errors) {
      await searchFor(page, error);
      await expect(page.getByRole('link', { name: new RegExp(`^${escapeRegExp(title)}`) }).first(), `searching "${error}"`).toBeVisible();
    }
  });
}
