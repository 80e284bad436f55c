// The walking skeleton, as a learner lives it: open the lesson, watch the leak, fix it by typing,
// watch it vanish. Real browser, real runner, real sockets.
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const EDITOR_ASSETS = /monaco-|editor\.api|mount-editor|editor\.worker|ts\.worker|tsMode|codicon/;

test('the leak appears, and the one-line fix typed into the editor makes it vanish', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const lesson = new LessonPage(page);

  await lesson.openFromHome('The leak');
  await expect(lesson.fileTab('client.js')).toHaveAttribute('aria-selected', 'true');
  await expect(lesson.staticCode('client.js')).toContainText('resolve(res.statusCode);');
  expect(requested.filter((url) => EDITOR_ASSETS.test(url)), 'no editor code before the first interaction').toEqual([]);

  // From here on the editor's code may load ahead of the click, once the run has ended: a reader
  // who stays on the lesson is likely to edit (src/client/editor/edit-intent.ts).
  await lesson.run();
  await expect.poll(() => lesson.openConnections(), { timeout: 20_000 }).toBeGreaterThanOrEqual(150);
  // Screen readers hear the climb once, through the run status, not every sample.
  await expect(lesson.runStatus).toHaveText(/open connections passed 50/);
  expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 200 connections/);

  // Click the line that resolves without reading the body; the editor opens with the caret there.
  await lesson.staticCode('client.js').getByText('resolve(res.statusCode);').click();
  const editor = lesson.editor('client.js');
  await expect(editor).toBeFocused();
  expect(requested.some((url) => EDITOR_ASSETS.test(url))).toBe(true);

  // Replace `resolve(res.statusCode);` with the fix, key by key.
  await lesson.typeTheLeakFix();

  await page.keyboard.press('Control+Enter');
  await expect(lesson.stopButton).toBeEnabled();
  expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 1 connection\b/);
  expect(await lesson.requests()).toBe(200);
  expect(await lesson.connectionsAccepted()).toBeLessThanOrEqual(2);
  await expect(lesson.output).toContainText('[client] 200 of 200 requests answered 200 OK');
});
