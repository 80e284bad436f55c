// A reader with no runtime (JavaScript off here) still gets the lesson, the code, and the
// recorded runs that show the leak and the fix.
import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false });

test('with JavaScript off, the prose, the static code and the recorded runs are all there', async ({ page }) => {
  await page.goto('/lessons/the-leak/');
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'client.js' })).toContainText('resolve(res.statusCode);');
  const starter = page.getByRole('img', { name: 'Starter (recorded)' });
  const solution = page.getByRole('img', { name: 'Solution (recorded)' });
  await expect(starter).toBeVisible();
  await expect(solution).toBeVisible();
  // The charts' descriptions carry the recorded numbers for screen readers and search.
  expect(await starter.locator('desc').textContent()).toMatch(/peaked at (19\d|2\d\d); 200 accepted for 200 requests/);
  expect(await solution.locator('desc').textContent()).toMatch(/peaked at 1; 1 accepted for 200 requests/);
  // Numbers in the prose come from the lesson's checked claims.
  await expect(page.getByText('Connections accepted ends at 200, one per request.')).toBeVisible();
});
