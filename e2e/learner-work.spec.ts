// The learner's work: edits survive a reload, Reset can be undone, Check judges the code by the
// lesson's claims and marks progress that the home page shows; share links and downloads.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

test('edits survive a reload, and Reset then Undo restores them', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.typeAtLine('client.js', '200 requests answered', " console.log('kept across reloads');");
  await page.waitForTimeout(500); // Edits are saved 300 ms after the last keystroke.

  await page.reload();
  await expect(page.getByText('Your edits from last time are back.')).toBeVisible();
  await expect(lesson.staticCode('client.js')).toContainText("console.log('kept across reloads');");

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(lesson.staticCode('client.js')).not.toContainText('kept across reloads');
  await expect(lesson.runStatus).toHaveText(/Back to the starter code/);
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await expect(page.getByRole('button', { name: 'Undo reset' })).toBeHidden();
  await expect(lesson.staticCode('client.js')).toContainText("console.log('kept across reloads');");

  // The restored edit is what runs.
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/Finished/);
  await expect(lesson.output).toContainText('[client] kept across reloads');
});

test('Check fails on the starter with the numbers, passes on the fix, and the home page shows progress', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/draining-vs-destroying/');
  const check = page.getByRole('button', { name: 'Check', exact: true });
  const result = page.getByRole('region', { name: 'Check result' });

  await check.click();
  await expect(result).toContainText('Check failed', { timeout: 30_000 });
  await expect(result).toContainText('Connections accepted was 200, expected exactly 1');

  // Replace res.destroy() with a drain, by keystrokes.
  await lesson.staticCode('client.js').getByText('res.destroy();').click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('res.resume();');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type("res.on('end', () => resolve(res.statusCode));");
  await page.keyboard.press('Escape');

  await check.click();
  await expect(result).toContainText('Check passed', { timeout: 30_000 });
  await expect(result).toContainText('1 connection accepted, 200 requests');
  await expect(page.getByRole('link', { name: /Next lesson: fetch/ })).toBeVisible();

  await page.goto('/');
  const item = (title: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  await expect(item('Draining vs. destroying').getByText('✓ Done')).toBeVisible();
  await expect(item('The leak').getByText('✓ Done')).toBeHidden();
  await expect(page.getByText(/^1 of \d+ lessons done.$/)).toBeVisible();
});

test('Solve shows a diff and changes nothing until applied; Undo brings the learner’s code back', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.typeAtLine('client.js', '200 requests answered', ' // my note');

  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  const panel = page.getByRole('region', { name: 'The solution, compared with your code' });
  await expect(panel).toBeVisible();
  await expect(panel.locator('.monaco-diff-editor')).toBeVisible();
  await expect(panel).toContainText('res.resume();');
  // Not applied yet: the editor still holds the learner's code.
  await expect(page.getByRole('tabpanel', { name: 'client.js' }).locator('.monaco-editor').first()).toContainText('// my note');

  await page.getByRole('button', { name: 'Keep my code' }).click();
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await page.getByRole('button', { name: 'Apply the solution' }).click();
  const editor = page.getByRole('tabpanel', { name: 'client.js' }).locator('.monaco-editor').first();
  await expect(editor).toContainText('res.resume();');
  await expect(editor).not.toContainText('// my note');

  await page.getByRole('button', { name: 'Undo solve' }).click();
  await expect(editor).toContainText('// my note');
  await expect(editor).not.toContainText('res.resume();');
});

test('every section heading has a link that copies its address', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/lessons/the-leak/');
  await page.getByRole('link', { name: 'Copy a link to “Run it”' }).click();
  await expect(page.getByText('Link to “Run it” copied.')).toBeAttached();
  expect(page.url()).toMatch(/\/lessons\/the-leak\/#run-it$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/lessons\/the-leak\/#run-it$/);
});

test('at 375 px wide nothing is wider than the viewport', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ['/', '/lessons/the-leak/', '/lessons/the-go-original/', '/reference/', '/agenda/']) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  }
});

test('a share link carries the code, and opening it keeps the recipient’s own code recoverable', async ({ browser }) => {
  const sender = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const senderPage = await sender.newPage();
  const senderLesson = new LessonPage(senderPage);
  await senderPage.goto('/lessons/the-leak/');
  await senderLesson.typeAtLine('client.js', '200 requests answered', ' // from the sender');
  await senderPage.getByRole('button', { name: 'Copy link' }).click();
  await expect(senderLesson.runStatus).toHaveText(/Link copied/);
  const link = await senderPage.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/lessons\/the-leak\/#code=[\w-]+$/);
  await sender.close();

  const recipient = await browser.newContext();
  const page = await recipient.newPage();
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.typeAtLine('client.js', '200 requests answered', ' // the recipient’s own');
  await page.waitForTimeout(500);

  await page.goto(link);
  await expect(page.getByRole('region', { name: 'Shared code' })).toBeVisible();
  const code = page.getByRole('tabpanel', { name: 'client.js' });
  await expect(code).toContainText('// from the sender');
  await expect(code).not.toContainText('the recipient’s own');
  // Opening the link did not overwrite the recipient's saved code.
  await page.reload();
  await expect(code).toContainText('// from the sender');
  await page.getByRole('button', { name: 'Back to my code' }).click();
  await expect(code).toContainText('// the recipient’s own');
  await expect(code).not.toContainText('// from the sender');
  expect(new URL(page.url()).hash).toBe('');
  await recipient.close();
});

test('Download gives a zip of the lesson with the learner’s current code', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.typeAtLine('client.js', '200 requests answered', ' // downloaded edit');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('keep-alive-lab-the-leak.zip');
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(bytes.toString('utf8')).toContain('// downloaded edit');
});

test('the theme follows the OS, and a chosen theme persists and reaches the editor', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/lessons/the-leak/');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(20, 23, 28)');

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
  expect(await background()).toBe('rgb(255, 255, 255)');

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  const lesson = new LessonPage(page);
  await lesson.staticCode('client.js').getByText('resolve(res.statusCode);').click();
  await expect(page.locator('.monaco-editor.vs-dark')).toBeVisible();
});
