// A learner with only a keyboard: a skip link straight to the workspace, a focus ring round the
// whole editor, a visible word when Ctrl+M changes what Tab does, and a shortcut for Check.
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

test('"Skip to the code" reaches Run in three Tabs from the top of a lesson', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await expect(lesson.runButton).toBeEnabled();
  const skip = page.getByRole('link', { name: 'Skip to the code' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(lesson.runButton).toBeFocused();
});

test('the editor’s focus ring shows whole, round the code', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.staticCode('client.js').locator('.line').nth(4).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  const ring = await page.getByRole('tabpanel', { name: 'client.js' }).evaluate((panel) => {
    const after = getComputedStyle(panel, '::after');
    const box = panel.getBoundingClientRect();
    const clip = panel.closest('code-tabs')!.getBoundingClientRect();
    return {
      widths: [after.borderTopWidth, after.borderRightWidth, after.borderBottomWidth, after.borderLeftWidth].map(parseFloat),
      style: after.borderTopStyle,
      color: after.borderTopColor,
      // The ring is drawn over the panel's own box: every side of it must lie inside what code-tabs shows.
      inside: box.top >= clip.top && box.bottom <= clip.bottom && box.left >= clip.left && box.right <= clip.right,
      width: box.width,
      height: box.height,
    };
  });
  expect(ring.style, 'the ring’s line').toBe('solid');
  for (const width of ring.widths) expect(width, 'each side of the ring').toBeGreaterThanOrEqual(2);
  expect(ring.color).not.toBe('rgba(0, 0, 0, 0)');
  expect(ring.inside, 'the ring is not clipped').toBe(true);
  expect(ring.height, 'the ring goes round the code, not a line of it').toBeGreaterThan(200);
});

test('Ctrl+M says, on screen and to screen readers, that Tab now leaves the editor', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.staticCode('client.js').locator('.line').nth(4).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.keyboard.press('Control+M');
  const said = page.getByRole('status').filter({ hasText: 'Tab now moves focus out of the editor' });
  await expect(said).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(lesson.editor('client.js')).not.toBeFocused();
  await lesson.editor('client.js').focus();
  await page.keyboard.press('Control+M');
  await expect(page.getByRole('status').filter({ hasText: 'Tab indents again' })).toBeVisible();
});

test('Ctrl+Shift+Enter checks the code, from the page and from the editor', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  const check = page.getByRole('button', { name: 'Check', exact: true });
  await expect(check).toHaveAttribute('aria-keyshortcuts', /Control\+Shift\+Enter/);
  await expect(check).toBeEnabled();
  await expect(lesson.runButton).toBeEnabled();
  const result = page.getByRole('region', { name: 'Check result' });
  await page.keyboard.press('Control+Shift+Enter');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText(/not yet|pass|fail/i);
  await lesson.runEnded();
  // From inside the editor, where Ctrl+Shift+Enter would otherwise insert a line.
  await lesson.staticCode('client.js').locator('.line').nth(4).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await result.evaluate((region) => ((region as HTMLElement).hidden = true));
  await page.keyboard.press('Control+Shift+Enter');
  await expect(result).toBeVisible({ timeout: 30_000 });
});
