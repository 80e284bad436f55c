// The workshop kit: presenter view on a projector, instructor notes, the agenda, challenges,
// print, and a walk through the lab with every non-loopback request blocked.
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

test.describe('presenter view at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the meter is big, learner chrome is gone, notes show, and keys step through lessons', async ({ page }) => {
    const lesson = new LessonPage(page);
    await page.goto('/lessons/the-leak/');
    const notes = page.getByRole('complementary', { name: /Instructor notes/ });
    // Learners never see the notes.
    await expect(notes).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Site' })).toBeVisible();

    await page.getByRole('button', { name: 'Presenter view' }).click();
    await expect(page).toHaveURL(/[?&]present/);
    await expect(notes).toBeVisible();
    await expect(notes.getByRole('heading', { name: 'Ask the room' })).toBeVisible();
    for (const hidden of [
      page.getByRole('navigation', { name: 'Site' }),
      page.getByRole('heading', { level: 1, name: 'The leak' }),
      page.getByRole('button', { name: 'Check', exact: true }),
      page.getByRole('button', { name: 'Solve' }),
      page.getByRole('button', { name: 'Copy link' }),
    ]) {
      await expect(hidden).toBeHidden();
    }

    await lesson.run();
    await expect.poll(() => lesson.requests(), { timeout: 20_000 }).toBeGreaterThan(0);
    for (const name of ['Open connections', 'Connections accepted', 'Requests', 'Requests per connection'] as const) {
      const figure = lesson.figure(name);
      await expect(figure).toBeInViewport();
      const size = await figure.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(size, `${name} font size in px`).toBeGreaterThanOrEqual(48);
    }
    // The code is projector-sized too.
    const codeSize = await lesson.staticCode('client.js').evaluate((pre) => parseFloat(getComputedStyle(pre.querySelector('pre') ?? pre).fontSize));
    expect(codeSize).toBeGreaterThanOrEqual(20);
    await lesson.runEnded();

    // N folds the notes away; ] goes to the next lesson, still presenting; P leaves.
    await page.locator('body').press('n');
    await expect(notes).toBeHidden();
    await page.locator('body').press(']');
    await expect(page).toHaveURL(/\/lessons\/draining-vs-destroying\//);
    await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden();
    await page.locator('body').press('[');
    await expect(page).toHaveURL(/\/lessons\/the-leak\//);
    await page.locator('body').press('p');
    await expect(page.getByRole('navigation', { name: 'Site' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
    await expect(page).not.toHaveURL(/present/);
  });
});

test('the agenda lists every lesson with its minutes and a total that adds up, on one printed page', async ({ page }) => {
  await page.goto('/agenda/');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(readdirSync('content/lessons', { withFileTypes: true }).filter((entry) => entry.isDirectory()).length);
  const minutes = (await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.agendaMinutes)))).reduce((a, b) => a + b, 0);
  await expect(page.getByText(`${minutes} minutes`)).toBeVisible();
  await expect(page.getByRole('table').locator('tfoot')).toContainText(String(minutes));
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length, 'printed pages').toBe(1);
});

test('a challenge starts from its own code, fails on it, and passes once the learner fixes it', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/one-connection/');
  const challenge = page.getByRole('region', { name: 'Challenge: Fifty requests, ten connections' });
  await challenge.getByRole('button', { name: /Start from the challenge code/ }).click();
  await expect(lesson.staticCode('client.js')).toContainText('Promise.all(paths.map(get))');

  await challenge.getByRole('button', { name: 'Check the challenge' }).click();
  const result = challenge.getByRole('region', { name: /^Result:/ });
  await expect(result).toContainText('Not yet', { timeout: 30_000 });
  await expect(result).toContainText('Connections accepted was 50');

  // The fix, typed as a learner would: a pool of at most 10 sockets.
  await lesson.staticCode('client.js').locator('.line', { hasText: 'new http.Agent' }).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(', maxSockets: 10');
  await challenge.getByRole('button', { name: 'Check the challenge' }).click();
  await expect(result).toContainText('Challenge passed', { timeout: 30_000 });
});

test('a timed challenge is judged from the server’s last request, in the page as in npm test', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/server-timeouts/');
  const challenge = page.getByRole('region', { name: 'Challenge: Fix it from the server' });
  await expect(challenge).toContainText('within 3 s of the server’s last request');
  await challenge.getByRole('button', { name: /Start from the challenge code/ }).click();
  await lesson.fileTab('server.js').click();
  await expect(lesson.staticCode('server.js')).toContainText('server.keepAliveTimeout = 0;');

  await challenge.getByRole('button', { name: 'Check the challenge' }).click();
  const result = challenge.getByRole('region', { name: /^Result:/ });
  await expect(result).toContainText('Not yet', { timeout: 30_000 });
  await expect(result).toContainText('Measured within 3 s of the server’s last request: 50 requests');
  await expect(result).toContainText('Open connections at the end was 50');

  // The fix, typed as a learner would: close connections idle for 1 s (about 2 s with Node's buffer).
  await lesson.staticCode('server.js').locator('.line', { hasText: 'server.keepAliveTimeout = 0' }).click();
  await expect(lesson.editor('server.js')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('1000');
  await challenge.getByRole('button', { name: 'Check the challenge' }).click();
  await expect(result).toContainText('Challenge passed', { timeout: 30_000 });
  await expect(result).toContainText('0 open at the end');
});

test('printing a lesson gives the prose, the code and the recorded runs, without the controls', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/the-leak/');
  // Even after the editor has replaced the static code on screen.
  await lesson.staticCode('client.js').locator('.line').nth(2).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.emulateMedia({ media: 'print' });
  await expect(lesson.runButton).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden();
  await expect(page.locator('.monaco-editor')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Starter \(recorded\)/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Solution \(recorded\)/ })).toBeVisible();
  // Both files print, the one in the hidden tab too.
  await expect(page.locator('[data-static-code]').filter({ hasText: 'createServer' })).toBeVisible();
  await expect(page.locator('[data-static-code]').filter({ hasText: 'keepAlive: true' })).toBeVisible();
});

test('offline: a walk through the lab asks nothing of any host but this one', async ({ page, context }) => {
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    elsewhere.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const lesson = new LessonPage(page);
  await lesson.openFromHome('The leak');
  await lesson.staticCode('client.js').locator('.line').nth(2).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await expect(page.locator('.monaco-editor .view-line').first()).toBeVisible();
  await lesson.run();
  expect(await lesson.runEnded()).toContain('Finished');
  await page.getByRole('button', { name: 'Presenter view' }).click();
  await page.locator('body').press(']');
  await expect(page).toHaveURL(/draining-vs-destroying/);
  await page.locator('body').press('p');
  for (const link of ['Agenda', 'Reference', 'Search']) {
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.getByRole('searchbox', { name: 'Search the lessons and the reference' }).fill('resume');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('link', { name: /^The leak\b/ }).first()).toBeVisible({ timeout: 10_000 });
  expect(elsewhere, 'requests to other hosts').toEqual([]);
});
