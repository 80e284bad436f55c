// The editor fetched ahead of the click (src/client/editor/edit-intent.ts): on a sign that the
// learner is about to edit, on a fast connection only, and never the TypeScript worker or Node's
// types before the learner's first keystroke.
import { expect, type Page, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const EDITOR_CODE = /\/_astro\/(mount-editor|monaco-)/;
const LANGUAGE_SERVICE = /ts\.worker|tsMode|\/editor-types\//;

/** Every request the page makes, from before it loads. */
function requests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Makes the page see this connection, as Chromium reports it through navigator.connection. */
async function connection(page: Page, hint: { effectiveType: string; saveData: boolean } | undefined) {
  await page.addInitScript((value) => {
    Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => value });
  }, hint);
}

test('the mouse on the code fetches the editor before the click, but not its TypeScript worker; typing then works at once', async ({ page }) => {
  const lesson = new LessonPage(page);
  const urls = requests(page);
  await connection(page, { effectiveType: '4g', saveData: false });
  await page.goto('/lessons/the-leak/', { waitUntil: 'networkidle' });
  expect(urls.filter((url) => EDITOR_CODE.test(url))).toEqual([]);

  await lesson.staticCode('client.js').locator('.line').nth(2).hover();
  await expect.poll(() => urls.filter((url) => EDITOR_CODE.test(url)).length).toBeGreaterThanOrEqual(5);
  // The editor is made ahead, hidden: the learner still sees the static code, and no worker starts.
  await page.waitForTimeout(1_500);
  await expect(lesson.editor('client.js')).toBeHidden();
  expect(urls.filter((url) => LANGUAGE_SERVICE.test(url))).toEqual([]);

  // Just left of the line's first letter: the caret goes before it.
  await lesson.staticCode('client.js').locator('.line', { hasText: 'of 200 requests answered' }).getByText('console', { exact: true }).click({ position: { x: 1, y: 5 } });
  await page.keyboard.type('//x ');
  await expect(lesson.editor('client.js')).toBeFocused();
  await expect(page.locator('.monaco-editor .view-line', { hasText: 'of 200 requests answered' })).toHaveText(/^\s*\/\/x\s+console\.log\(/);
  // After the keystrokes, the TypeScript worker and Node's types.
  await expect.poll(() => ['ts.worker', 'tsMode', '/editor-types/'].every((part) => urls.some((url) => url.includes(part)))).toBe(true);
});

test('keyboard focus entering the workspace fetches the editor ahead; a mouse click on Run does not', async ({ page }) => {
  const lesson = new LessonPage(page);
  const urls = requests(page);
  // No Network Information API (Firefox, Safari): the mouse and the keyboard count, the dwell does
  // not, so only what this test does can fetch the editor.
  await connection(page, undefined);
  await page.goto('/lessons/the-leak/', { waitUntil: 'networkidle' });
  // Run, clicked: the meter draws the run without Monaco starting up beside it.
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/Finished/);
  expect(urls.filter((url) => EDITOR_CODE.test(url))).toEqual([]);

  await page.goto('/lessons/the-leak/', { waitUntil: 'networkidle' });
  const inWorkspace = () => page.evaluate(() => document.activeElement?.closest('lesson-workspace') != null);
  for (let presses = 0; presses < 80 && !(await inWorkspace()); presses++) await page.keyboard.press('Tab');
  expect(await inWorkspace()).toBe(true);
  await expect.poll(() => urls.filter((url) => EDITOR_CODE.test(url)).length).toBeGreaterThanOrEqual(5);
});

test('a reader who stays on the lesson for a few seconds gets the editor fetched; one who leaves at once gets none', async ({ page }) => {
  const urls = requests(page);
  await connection(page, { effectiveType: '4g', saveData: false });
  await page.goto('/lessons/the-leak/', { waitUntil: 'networkidle' });
  await page.waitForTimeout(1_000);
  await page.getByRole('link', { name: 'All lessons' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForTimeout(5_000);
  expect(urls.filter((url) => EDITOR_CODE.test(url))).toEqual([]);

  await page.goto('/lessons/the-leak/');
  await expect.poll(() => urls.filter((url) => EDITOR_CODE.test(url)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
  // Not at load: after the dwell of four seconds.
  const requestedAt = await page.evaluate(() => performance.getEntriesByName('lab:editor-requested')[0]?.startTime ?? 0);
  expect(requestedAt).toBeGreaterThanOrEqual(4_000);
  expect(urls.filter((url) => LANGUAGE_SERVICE.test(url))).toEqual([]);
});

for (const [name, hint] of [
  ['a 3g connection', { effectiveType: '3g', saveData: false }],
  ['Save-Data', { effectiveType: '4g', saveData: true }],
] as const) {
  test(`with ${name}, nothing is fetched ahead, whatever the signs; the click still loads the editor`, async ({ page }) => {
    const lesson = new LessonPage(page);
    const urls = requests(page);
    await connection(page, hint);
    await page.goto('/lessons/the-leak/', { waitUntil: 'networkidle' });
    await lesson.staticCode('client.js').locator('.line').nth(2).hover();
    for (let presses = 0; presses < 80; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('lesson-workspace') != null)) break;
    }
    await page.waitForTimeout(6_000);
    expect(urls.filter((url) => EDITOR_CODE.test(url))).toEqual([]);

    await lesson.staticCode('client.js').locator('.line').nth(2).click();
    await expect(lesson.editor('client.js')).toBeFocused();
  });
}

test('a learner who opened the editor in one lesson gets it started at the next lesson’s first idle moment; not on Save-Data', async ({ page, context }) => {
  // No Network Information API: neither the dwell nor the connection's speed can start it here.
  await connection(page, undefined);
  await page.goto('/lessons/the-leak/', { waitUntil: 'networkidle' });
  await new LessonPage(page).staticCode('client.js').locator('.line').nth(2).click();
  await expect(new LessonPage(page).editor('client.js')).toBeFocused();

  // The next lesson, opened as a new page (a new tab, say): nothing touched, the editor starts.
  const next = await context.newPage();
  const urls = requests(next);
  await connection(next, undefined);
  await next.goto('/lessons/draining-vs-destroying/');
  await expect.poll(() => next.evaluate(() => performance.getEntriesByName('lab:editor-loaded').length), { timeout: 10_000 }).toBe(1);
  // Made ahead and hidden: the learner still sees the static code, and no TypeScript worker starts.
  const lesson = new LessonPage(next);
  await next.waitForTimeout(1_000);
  await expect(lesson.editor('client.js')).toBeHidden();
  expect(urls.filter((url) => LANGUAGE_SERVICE.test(url))).toEqual([]);
  await lesson.staticCode('client.js').locator('.line').nth(2).click();
  await next.keyboard.type('//y ');
  await expect(lesson.editor('client.js')).toBeFocused();
  await expect(next.locator('.monaco-editor .view-line', { hasText: '//y' })).toHaveCount(1);

  const saving = await context.newPage();
  const savingUrls = requests(saving);
  await connection(saving, { effectiveType: '4g', saveData: true });
  await saving.goto('/lessons/draining-vs-destroying/', { waitUntil: 'networkidle' });
  await saving.waitForTimeout(2_000);
  expect(savingUrls.filter((url) => EDITOR_CODE.test(url))).toEqual([]);
});
