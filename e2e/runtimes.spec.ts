// Choosing a runtime: the local runner under npm start, WebContainer's offline failure path,
// and switching between them without losing edits. Every page is cross-origin isolated.
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

test('pages are cross-origin isolated, and auto uses the local runner under npm start', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const lesson = new LessonPage(page);
  await lesson.openFromHome('The leak');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(lesson.runStatus).toHaveText(/Ready: code runs with the local runner/);
  await expect(page.getByRole('combobox', { name: 'Runs in' })).toHaveValue('auto');
});

test('?runtime=webcontainer offline: a clear message in time, the page stays usable, and the local runner takes over with the edits', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/?runtime=webcontainer&webcontainer-timeout=4');
  await expect(page.getByRole('combobox', { name: 'Runs in' })).toHaveValue('webcontainer');

  // Editing is the first interaction: WebContainer starts booting, and boot progress shows.
  await lesson.staticCode('client.js').getByText('200 requests answered').click();
  await expect(lesson.runStatus).toHaveText(/Starting Node in your browser/);
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(" console.log('edited in the browser');");
  await page.keyboard.press('Escape');

  await expect(lesson.runStatus).toHaveText(/did not start in this browser within 4 s.*keeps waiting.*npm install && npm start/, {
    timeout: 10_000,
  });
  // The page is still usable: Run explains instead of hanging.
  await lesson.run();
  await expect(lesson.output).toContainText('did not start in this browser');
  await expect(lesson.stopButton).toBeDisabled();

  await page.getByRole('combobox', { name: 'Runs in' }).selectOption('local');
  await expect(lesson.runStatus).toHaveText(/Ready: code runs with the local runner/);
  expect(new URL(page.url()).searchParams.get('runtime')).toBe('local');
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/Finished/);
  await expect(lesson.output).toContainText('[client] edited in the browser');
});
