// A phone (390x844, touch): the learner can run a lesson and watch the meter without hunting for
// either. Run is on the first screen (a bar that stays at the bottom), a tap on it brings the meter
// into view, no line of code is cut off on the right, and no keyboard shortcut is offered.
import { devices, expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const { defaultBrowserType: _, ...phone } = devices['Pixel 7'];
test.use({ ...phone, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('on a phone, Run is on the first screen, and a tap on it brings the meter into view', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await expect(lesson.runButton).toBeInViewport({ ratio: 1 });
  await expect(lesson.runButton).toBeEnabled();
  await lesson.runButton.tap();
  // The run lasts about 2.6 s: the figures must be in view while it does, not after.
  await expect(lesson.figure('Open connections')).toBeInViewport({ ratio: 1, timeout: 2_000 });
  await expect(lesson.figure('Requests per connection')).toBeInViewport({ ratio: 1 });
  // Nothing covers the meter: the bar holding Run sits below it.
  const covered = await lesson.figure('Open connections').evaluate((figure) => {
    const box = figure.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return !figure.contains(top);
  });
  expect(covered, 'the Open connections figure is covered').toBe(false);
  await lesson.runEnded();
  await expect(lesson.stopButton).toBeInViewport({ ratio: 1 });
});

test('on a phone, long lines of code wrap instead of running off the right edge', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  for (const file of ['client.js', 'server.js']) {
    await lesson.fileTab(file).tap();
    const fit = await lesson.staticCode(file).evaluate((pre) => {
      const right = pre.getBoundingClientRect().right;
      return {
        scrolls: pre.scrollWidth > pre.clientWidth,
        cut: [...pre.querySelectorAll('.line')].filter((line) => line.getBoundingClientRect().right > right + 0.5).map((line) => line.textContent),
      };
    });
    expect(fit.cut, `lines of ${file} past the right edge`).toEqual([]);
    expect(fit.scrolls, `${file} scrolls sideways`).toBe(false);
  }
  // In the editor too, once the learner taps into the code.
  await lesson.staticCode('server.js').locator('.line').first().tap();
  const editor = page.locator('.monaco-editor').filter({ has: lesson.editor('server.js') });
  await expect(editor.locator('.view-line').first()).toBeVisible();
  const cut = await editor.evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    return [...root.querySelectorAll('.view-line span span')].filter((span) => span.getBoundingClientRect().right > right + 0.5).map((span) => span.textContent);
  });
  expect(cut, 'text past the editor’s right edge').toEqual([]);
});

test('on a touch screen, no keyboard shortcut is offered', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.staticCode('client.js').locator('.line').first().tap();
  await expect(lesson.editor('client.js')).toBeAttached();
  await expect(page.getByText(/Ctrl|⌘/).filter({ visible: true })).toHaveCount(0);
  await expect(page.locator('kbd').filter({ visible: true })).toHaveCount(0);
});
