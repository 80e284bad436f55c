// Lesson code that throws, floods or hangs leaves the page usable and says what happened.
import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

/** Replaces the whole of client.js in the editor, typing as a person would. */
async function typeClient(page: Page, lesson: LessonPage, code: string) {
  await lesson.staticCode('client.js').click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code);
  await page.keyboard.press('Escape');
}

test('a client that throws shows its error and exit code, and the next run works', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await typeClient(page, lesson, "throw new Error('kaboom');");
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/client\.js exited with code 1/);
  await expect(lesson.output).toContainText('Error: kaboom');
  await expect(lesson.output).toContainText('client.js exited with code 1.');
  await expect(lesson.output).toContainText('server.js was stopped by the lab.');
});

test('a client that never ends is stopped by Stop, and a flood of output keeps the page responsive', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await typeClient(page, lesson, "setInterval(() => console.log('x'.repeat(2000)), 1);");
  await lesson.run();
  await expect(lesson.output).toContainText('xxxxxxxx');
  await expect(lesson.stopButton).toBeEnabled();
  await lesson.stopButton.click();
  expect(await lesson.runEnded()).toMatch(/Stopped after/);
  await expect(lesson.output).toContainText('client.js was stopped by the lab.');
  // Still responsive: switching tabs works at once.
  await lesson.fileTab('server.js').click();
  await expect(lesson.fileTab('server.js')).toHaveAttribute('aria-selected', 'true');
});
