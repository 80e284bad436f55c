// A 1280x720 projector, read from the back of a room: in presenter view, every line of every
// lesson's files shows in full (long lines wrap, none is cut off or scrolled away), the code is
// at least 18 px, and the output is still on screen.
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const slugs = readdirSync('content/lessons', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name.replace(/^\d+-/, ''));

test.use({ viewport: { width: 1280, height: 720 } });

for (const slug of slugs) {
  test(`${slug}: both files fit the projector, with the output on screen`, async ({ page }) => {
    const lesson = new LessonPage(page);
    await page.goto(`/lessons/${slug}/?present`);
    for (const file of ['server.js', 'client.js']) {
      await lesson.fileTab(file).click();
      const code = lesson.staticCode(file);
      await expect(code).toBeVisible();
      const fit = await code.evaluate((pre) => {
        const box = pre.getBoundingClientRect();
        const lines = [...pre.querySelectorAll('.line')];
        return {
          scrollWidth: pre.scrollWidth,
          clientWidth: pre.clientWidth,
          rightmost: Math.max(...lines.map((line) => line.getBoundingClientRect().right)),
          right: box.right,
          fontSize: Math.min(...lines.map((line) => parseFloat(getComputedStyle(line).fontSize))),
          lines: lines.length,
        };
      });
      expect(fit.lines, `${file} has lines`).toBeGreaterThan(5);
      expect(fit.scrollWidth, `${file} scrolls sideways`).toBeLessThanOrEqual(fit.clientWidth);
      expect(fit.rightmost, `a line of ${file} runs past the code's edge`).toBeLessThanOrEqual(fit.right + 0.5);
      expect(fit.fontSize, `${file} code size`).toBeGreaterThanOrEqual(18);
    }
    const output = await lesson.output.boundingBox();
    expect(output, 'the output panel').not.toBeNull();
    expect(output!.y + output!.height, 'the output panel ends on screen').toBeLessThanOrEqual(720);
  });
}

test('in the editor too, the pool limit stays in view on the projector', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/pool-limits/?present');
  await lesson.staticCode('client.js').locator('.line', { hasText: 'new http.Agent' }).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  const editor = page.locator('.monaco-editor').filter({ has: lesson.editor('client.js') });
  await expect(editor.locator('.view-line', { hasText: /maxSockets/ })).toBeVisible();
  // Every piece of text the editor draws ends inside it: long lines wrap instead.
  const cut = await editor.evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    return [...root.querySelectorAll('.view-line span span')].filter((span) => span.getBoundingClientRect().right > right + 0.5).map((span) => span.textContent);
  });
  expect(cut, 'text past the editor’s right edge').toEqual([]);
});
