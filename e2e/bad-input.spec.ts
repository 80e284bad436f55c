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

test('a syntax error is named in the status with its file and line, and the output shows and marks that line', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  // After line 6 of client.js: the new line is line 7.
  await lesson.typeAtLine('client.js', 'const port = Number(process.env.PORT);', '\nlet x = ;');
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/^client\.js:7: SyntaxError: Unexpected token ';' — client\.js exited with code 1\./);
  // Node prints its internal frames and more under the error; the panel scrolls to the error line itself.
  const errorLine = lesson.output.getByText("SyntaxError: Unexpected token ';'", { exact: true });
  await expect(errorLine).toHaveClass(/error-line/);
  await expect(errorLine).toBeInViewport();
  const [line, panel] = await Promise.all([errorLine.boundingBox(), lesson.output.boundingBox()]);
  expect(line!.y).toBeGreaterThanOrEqual(panel!.y);
  expect(line!.y + line!.height).toBeLessThanOrEqual(panel!.y + panel!.height);
});

test('a server.js that never listens and prints nothing is told so, and what to do', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await lesson.fileTab('server.js').click();
  await lesson.staticCode('server.js').click();
  await expect(lesson.editor('server.js')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('// not written yet');
  await page.keyboard.press('Escape');
  await lesson.run();
  expect(await lesson.runEnded()).toBe(
    'server.js exited with code 0 without listening and without printing anything, so client.js was not started. server.js has to start a server and keep it open: call server.listen(process.env.PORT).',
  );
});

test('a client stuck in an endless loop shows its time passing and the time left before the limit', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  await typeClient(page, lesson, 'while (true) {}');
  await lesson.run();
  await expect(lesson.runStatus).toHaveText(/^Running: /);
  const clock = page.getByRole('timer', { name: 'Run time' });
  const elapsed = async () => Number(/^(\d+) s elapsed · (\d+) s left of the 60 s limit$/.exec((await clock.textContent()) ?? '')?.[1] ?? NaN);
  await expect(clock).toHaveText(/^\d+ s elapsed · \d+ s left of the 60 s limit$/);
  const first = await elapsed();
  await expect.poll(elapsed, { timeout: 10_000 }).toBeGreaterThanOrEqual(first + 2);
  const text = (await clock.textContent()) ?? '';
  const [, gone, left] = /^(\d+) s elapsed · (\d+) s left/.exec(text) ?? [];
  expect(Number(gone) + Number(left)).toBeGreaterThanOrEqual(59);
  expect(Number(gone) + Number(left)).toBeLessThanOrEqual(61);
  await lesson.stopButton.click();
  expect(await lesson.runEnded()).toMatch(/^Stopped after/);
  await expect(clock).toBeHidden();
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

test('a 10 MB flood shows its first lines and the client’s last line, with one message between that says what was left out', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  test.setTimeout(120_000);
  await typeClient(page, lesson, "for (let i = 1; i <= 10000; i++) console.log('line ' + i + ' ' + 'x'.repeat(990));\nconsole.log('THE CLIENT IS DONE');");
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/^Finished in/);
  await expect(lesson.output).toContainText('line 1 xxxxxxxx');
  await expect(lesson.output).toContainText('line 2 xxxxxxxx');
  const gaps = lesson.output.getByText(/left out here/);
  await expect(gaps).toHaveCount(1);
  await expect(gaps).toHaveText(/^… \d+\.\d MB of output \([\d,]+ lines\) left out here: the first lines are above, the last below\.$/);
  await expect(page.getByText(/200,000 characters|Output limit reached|only the first/)).toHaveCount(0);
  // The panel stays at its end: the client's last line is in view, then the lab's line about its exit.
  const last = lesson.output.getByText('THE CLIENT IS DONE');
  await lesson.output.scrollIntoViewIfNeeded();
  const [line, panel] = await Promise.all([last.boundingBox(), lesson.output.boundingBox()]);
  expect(line!.y).toBeGreaterThanOrEqual(panel!.y);
  expect(line!.y + line!.height).toBeLessThanOrEqual(panel!.y + panel!.height);
  await expect(lesson.output).toContainText(/THE CLIENT IS DONE\s+\[lab\]\s+client\.js exited with code 0\./);
  // Still responsive: switching tabs works at once.
  await lesson.fileTab('server.js').click();
  await expect(lesson.fileTab('server.js')).toHaveAttribute('aria-selected', 'true', { timeout: 2_000 });
});
