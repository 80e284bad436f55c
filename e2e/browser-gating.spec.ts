// Which browsers get WebContainer (src/runtime/webcontainer-support.ts): an old Safari is refused
// at once, by its version; a phone may choose it, and is told that it is only in beta there.
// Both are judged by the user agent, so Chromium plays each browser by its user-agent string.
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const CHROME_ON_ANDROID =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36';
const SAFARI_16_3 = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Safari/605.1.15';

test.describe('on a phone', () => {
  test.use({ userAgent: CHROME_ON_ANDROID });

  test('choosing WebContainer gets it, with a notice that it is only in beta there', async ({ page }) => {
    const lesson = new LessonPage(page);
    await page.goto('/lessons/the-leak/?runtime=webcontainer&webcontainer-timeout=300');
    await expect(lesson.runStatus).toHaveText(/^Ready: code runs with the WebContainer/);
    await expect(page.getByText(/^WebContainer is only in beta in mobile browsers: it may start slowly/)).toBeVisible();
    await expect(lesson.runButton).toBeEnabled();

    // Auto takes the local runner that serves this page, and the notice goes.
    await page.getByRole('combobox', { name: 'Runs in' }).selectOption('auto');
    await expect(lesson.runStatus).toHaveText(/^Ready: code runs with the local runner/);
    await expect(page.getByText(/only in beta in mobile browsers/)).toBeHidden();
  });
});

test.describe('in Safari 16.3', () => {
  test.use({ userAgent: SAFARI_16_3 });

  test('choosing WebContainer is refused at once, with the version it needs', async ({ page }) => {
    const lesson = new LessonPage(page);
    await page.goto('/lessons/the-leak/?runtime=webcontainer');
    await expect(lesson.runStatus).toHaveText(
      /^WebContainer cannot run here: this is Safari 16\.3, and WebContainer needs Safari 16\.4 or later; update Safari/,
      { timeout: 5_000 },
    );
    await expect(lesson.runButton).toBeDisabled();
    await lesson.fileTab('server.js').click(); // An interaction, which would start a boot.
    await expect(page.locator('iframe')).toHaveCount(0);
  });
});
