// Site search, built at build time, answering in the browser with no server of its own.
import { expect, test } from '@playwright/test';
import { searchFor } from './site-search.ts';

test('searching for "resume" finds the leak lesson', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await searchFor(page, 'resume');
  await page.getByRole('link', { name: 'The leak', exact: true }).click();
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
