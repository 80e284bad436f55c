// Site search, built at build time, answering in the browser with no server of its own.
import { expect, test } from '@playwright/test';

test('searching for "resume" finds the leak lesson', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search the lessons and the reference' }).fill('resume');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/\d+ results? for “resume”/);
  await page.getByRole('link', { name: 'The leak', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
});
