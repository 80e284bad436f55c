// Static code first, Monaco on first interaction: nothing of the editor before, and the code
// does not move when the editor takes its place.
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

test('the editor loads only on interaction and replaces the static code in place', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  const staticCode = lesson.staticCode('client.js');
  await expect(staticCode).toBeVisible();
  expect(await page.locator('style[data-source="monaco-editor"], link[href*="editor"]').count()).toBe(0);

  // Scroll the static code, then click a line that is now in view.
  await staticCode.evaluate((pre) => (pre.scrollTop = 120));
  const line = staticCode.locator('.line', { hasText: 'of 200 requests answered' });
  // The first token of the line, so the comparison is about where the code text sits.
  const before = await line.locator('span').first().boundingBox();
  await line.click();

  const editor = lesson.editor('client.js');
  await expect(editor).toBeFocused();
  await expect(staticCode).toBeHidden();
  expect(await page.locator('style[data-source="monaco-editor"]').count()).toBe(1);
  // Monaco draws its lines in the frame after it takes focus, then draws the caret's line again,
  // with new elements, when its JavaScript tokenizer arrives and when it highlights the brackets
  // around the caret (50 ms after the focus or the language's bracket rules, whichever is later).
  // Measured after the last of these: not an element Monaco is about to replace.
  const drawnLine = page.locator('.monaco-editor .view-line', { hasText: 'of 200 requests answered' });
  await expect(drawnLine.locator('.bracket-match-inline')).toHaveCount(2);
  const drawn = drawnLine.locator('span span').first();
  await expect(drawn).toBeVisible();
  const after = await drawn.boundingBox();
  expect(before && after).toBeTruthy();
  expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0)), 'vertical shift in px').toBeLessThanOrEqual(2);
  expect(Math.abs((after?.x ?? 0) - (before?.x ?? 0)), 'horizontal shift in px').toBeLessThanOrEqual(4);

  // The TypeScript worker runs under cross-origin isolation: a syntax error gets its squiggle.
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nconst = 1;');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible({ timeout: 15_000 });

  // The other file becomes an editor too when its tab is opened, with the same content.
  await lesson.fileTab('server.js').click();
  await expect(lesson.editor('server.js')).toBeAttached();
  await expect(page.getByRole('tabpanel', { name: 'server.js' }).locator('.view-lines')).toContainText('http.createServer');
});

test('the Edit code button opens the editor from the keyboard', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await page.getByRole('button', { name: 'Edit code' }).focus();
  await page.keyboard.press('Enter');
  await expect(lesson.editor('client.js')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Edit code' })).toBeHidden();
  // A visible way out of the editor's Tab trap, and it works.
  await expect(page.getByText('Tab indents in the editor.')).toBeVisible();
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect(lesson.editor('client.js')).not.toBeFocused();
});

test('the editor knows Node’s types: after `res.` it offers resume', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.staticCode('client.js').getByText('resolve(res.statusCode);').click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.type('res.');
  const suggestions = page.locator('.monaco-editor .suggest-widget');
  // The list holds http.IncomingMessage's members, from @types/node.
  await expect(suggestions.getByRole('option', { name: /^addListener/ })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.type('resu');
  await expect(suggestions.getByRole('option', { name: /^resume/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // The lesson's own code is clean; a misspelled method gets underlined.
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Control+Z');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  await page.keyboard.press('End');
  await page.keyboard.type(' res.resme();');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible({ timeout: 15_000 });
});

test('keys typed while the editor loads show at once where the click put the caret, and reach the editor in order', async ({ page }) => {
  const lesson = new LessonPage(page);
  // A slow network: the editor's module arrives only once the keys have been checked in the
  // code (a fixed delay would let a busy machine's slow typing outlast it).
  let arrive!: () => void;
  const arrival = new Promise<void>((resolve) => (arrive = resolve));
  await page.route('**/_astro/mount-editor*', async (route) => {
    await arrival;
    await route.continue();
  });
  await page.goto('/lessons/the-leak/');
  const staticCode = lesson.staticCode('client.js');
  // Just left of the line's first letter: the caret goes before it.
  await staticCode.locator('.line', { hasText: 'of 200 requests answered' }).getByText('console', { exact: true }).click({ position: { x: 1, y: 5 } });
  await page.keyboard.type('//ab');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('c ');
  // Shown in the code before Monaco is there, once, and in order.
  await expect(lesson.editor('client.js')).toHaveCount(0);
  await expect(staticCode.locator('.line', { hasText: 'of 200 requests answered' })).toHaveText(/^\s*\/\/ac console\.log\(/);
  arrive();

  await expect(lesson.editor('client.js')).toBeFocused({ timeout: 15_000 });
  // Two listeners once held the same keys and typed them twice.
  await expect(page.locator('.monaco-editor .view-line', { hasText: 'of 200 requests answered' })).toHaveText(/^\s*\/\/ac\s+console\.log\(/);
  // The caret came along: the learner's next keys go on from there.
  await page.keyboard.type('x');
  await expect(page.locator('.monaco-editor .view-line', { hasText: 'of 200 requests answered' })).toHaveText(/^\s*\/\/ac\s+xconsole\.log\(/);
});
