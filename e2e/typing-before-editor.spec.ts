// The static code takes the learner's typing before Monaco has loaded, and, if Monaco never
// loads, for good: the lesson's fix can be typed and run without the editor.
import { expect, type Page, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

/** The editor's module never arrives, as on a connection that dropped after the page loaded. */
async function editorUnavailable(page: Page) {
  await page.route('**/_astro/mount-editor*', (route) => route.abort());
}

function quickCode(page: Page, file: string) {
  return page.getByRole('textbox', { name: `${file} code` });
}

test('without the editor, the lesson’s fix is typed into the code, kept on reload, and runs', async ({ page }) => {
  const lesson = new LessonPage(page);
  await editorUnavailable(page);
  await page.goto('/lessons/the-leak/');
  const code = quickCode(page, 'client.js');
  await lesson.staticCode('client.js').getByText('// We only need the status code').click();
  await expect(code).toBeFocused();
  await page.keyboard.press('End');
  // Enter keeps the line's indentation, as the editor would.
  await page.keyboard.press('Enter');
  await page.keyboard.type('res.resume();');
  await expect(page.getByText('The editor could not load: you can still edit the code here')).toBeVisible();
  const fixed = code.locator('.line', { hasText: 'res.resume();' });
  await expect(fixed).toHaveText(/^\s*res\.resume\(\);$/);
  expect(await fixed.evaluate((line) => line.textContent)).toBe('      res.resume();');
  // One line number per line: the typed line is a line of its own.
  await expect(code.locator('.line').nth(11)).toHaveText(/res\.resume\(\);/);

  // Not the editor's: Tab leaves the code (nothing traps the keyboard).
  await page.keyboard.press('Tab');
  await expect(code).not.toBeFocused();

  await page.reload();
  await expect(quickCode(page, 'client.js').locator('.line', { hasText: 'res.resume();' })).toHaveCount(1);

  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 1 connection\b/);
});

test('typing in the code: deleting across lines, undo and redo, and Ctrl+Enter runs', async ({ page }) => {
  const lesson = new LessonPage(page);
  await editorUnavailable(page);
  await page.goto('/lessons/the-leak/');
  const code = quickCode(page, 'client.js');
  const lines = await code.locator('.line').count();
  await lesson.staticCode('client.js').getByText('import http from', { exact: false }).click();
  await page.keyboard.press('Home');
  // Joins the line to the one above: one line fewer, and no line left without its number.
  await page.keyboard.press('Backspace');
  await expect(code.locator('.line')).toHaveCount(lines - 1);
  await expect(code.locator('.line').nth(1)).toHaveText(/while it runs\.import http from 'node:http';$/);
  await page.keyboard.press('Control+Z');
  await expect(code.locator('.line')).toHaveCount(lines);
  await expect(code.locator('.line').nth(2)).toHaveText("import http from 'node:http';");
  await page.keyboard.press('Control+Shift+Z');
  await expect(code.locator('.line')).toHaveCount(lines - 1);
  await page.keyboard.press('Control+Z');

  // Selecting a whole line with the keyboard and typing over it.
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('// replaced');
  await expect(code.locator('.line').nth(2)).toHaveText('// replaced');

  await page.keyboard.press('Control+Enter');
  await expect(lesson.stopButton).toBeEnabled();
  // import removed: the client fails, and the run says so.
  expect(await lesson.runEnded()).not.toMatch(/200 requests over/);
});

test('when the editor arrives, Undo in it takes back what was typed before it', async ({ page }) => {
  const lesson = new LessonPage(page);
  // The editor's module arrives once everything is typed before it, however slowly that went.
  let arrive!: () => void;
  const arrival = new Promise<void>((resolve) => (arrive = resolve));
  await page.route('**/_astro/mount-editor*', async (route) => {
    await arrival;
    await route.continue();
  });
  await page.goto('/lessons/the-leak/');
  await lesson.staticCode('client.js').getByText('// We only need the status code').click();
  await page.keyboard.press('End');
  // "p" is also presenter view's key: in code, it is only a letter.
  await page.keyboard.type(' (typed early)');
  await expect(lesson.staticCode('client.js').locator('.line', { hasText: 'We only need the status code' })).toHaveText(/never read\. \(typed early\)/);
  await expect(lesson.editor('client.js')).toHaveCount(0);
  arrive();
  await expect(lesson.editor('client.js')).toBeFocused({ timeout: 15_000 });
  // Monaco draws spaces as no-break spaces: hence \s below.
  const line = page.locator('.monaco-editor .view-line', { hasText: 'We only need the status code' });
  await expect(line).toHaveText(/never\sread\.\s\(typed\searly\)/);
  await page.keyboard.press('Control+Z');
  await expect(line).toHaveText(/never\sread\./);
  await expect(line).not.toHaveText(/typed/);
  await page.keyboard.press('Control+Shift+Z');
  await expect(line).toHaveText(/\(typed\searly\)/);
});

test('a click on the code before the page’s script has run still leads to typing there', async ({ page }) => {
  // A slow connection: the page shows its code well before its script arrives.
  await page.route('**/_astro/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.goto('/lessons/the-leak/', { waitUntil: 'commit' });
  const lesson = new LessonPage(page);
  await lesson.staticCode('client.js').getByText('// We only need the status code').click();
  await expect(quickCode(page, 'client.js')).toBeFocused({ timeout: 15_000 });
  await page.keyboard.type('// early ');
  // In the code as typed there, or in Monaco if it has taken over by now: once, either way.
  const shown = page.locator('[data-static-code]:not([hidden]) code .line, .monaco-editor .view-line');
  await expect(shown.filter({ hasText: /\/\/\searly\s/ })).toHaveCount(1);
});
