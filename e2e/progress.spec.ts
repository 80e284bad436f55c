// Progress a learner earns: a Run that meets the lesson's claims counts as a passed Check; a pass
// with the solution applied is marked as such, on the home page too, until the learner resets and
// writes the fix; the last lesson says where to go next. Real browser, real runner.
import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const checkResult = (page: Page) => page.getByRole('region', { name: 'Check result' });

/** On lesson 2, replaces `resolve(res.statusCode);` with the fix, key by key. */
async function typeTheFix(lesson: LessonPage) {
  await lesson.staticCode('client.js').getByText('resolve(res.statusCode);').click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await lesson.typeTheLeakFix();
}

async function homeRow(page: Page, title: string) {
  await page.getByRole('link', { name: 'Keep-Alive Lab' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keep-Alive Lab' })).toBeVisible();
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

test('a Run of the fixed code says it passes, counts as Check, and the home page shows the lesson done', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.openFromHome('The leak');
  await typeTheFix(lesson);
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/200 requests over 1 connection\b/);
  await expect(checkResult(page)).toContainText('Check passed: this run meets every claim');
  await expect(checkResult(page)).toContainText('This lesson is marked complete.');
  await expect(page.getByRole('link', { name: /^Next lesson:/ })).toBeVisible();

  const row = await homeRow(page, 'The leak');
  await expect(row.getByText('✓ Done')).toBeVisible();
  await expect(row.getByText('Solution applied')).toBeHidden();
  await expect(page.getByText(/^1 of \d+ lessons done\.$/)).toBeVisible();
});

test('Solve, Apply, Check marks the lesson "solution applied", not done, until the learner resets and writes the fix', async ({ page }) => {
  // Three runs of the lesson and a reload: more than the default minute on a busy machine.
  test.slow();
  const lesson = new LessonPage(page);
  await lesson.openFromHome('The leak');
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await page.getByRole('button', { name: 'Apply the solution' }).click();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(checkResult(page)).toContainText('Check passed with the solution applied', { timeout: 30_000 });
  await expect(checkResult(page)).toContainText('marked “solution applied”, not done');

  // A reload does not launder it.
  await page.reload();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(checkResult(page)).toContainText('Check passed with the solution applied', { timeout: 30_000 });

  let row = await homeRow(page, 'The leak');
  await expect(row.getByText('Solution applied')).toBeVisible();
  await expect(row.getByText('✓ Done')).toBeHidden();
  await expect(page.getByText(/^0 of \d+ lessons done, 1 more with the solution applied\.$/)).toBeVisible();

  // Reset to the starter, type the fix: now the pass is the learner's own.
  await row.getByRole('link', { name: 'The leak' }).click();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await typeTheFix(lesson);
  await lesson.run();
  await expect(checkResult(page)).toContainText('Check passed: this run meets every claim', { timeout: 30_000 });
  row = await homeRow(page, 'The leak');
  await expect(row.getByText('✓ Done')).toBeVisible();
  await expect(row.getByText('Solution applied')).toBeHidden();
});

test('the last lesson, passed, offers its challenges, the reference and watch on your own service', async ({ page }) => {
  await page.goto('/');
  const last = page.getByRole('list').filter({ has: page.locator('[data-lesson-id]') }).getByRole('listitem').last().getByRole('link').first();
  await last.click();
  await page.getByRole('button', { name: 'Solve', exact: true }).click();
  await page.getByRole('button', { name: 'Apply the solution' }).click();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(checkResult(page)).toContainText('Check passed', { timeout: 45_000 });
  const next = page.getByRole('navigation', { name: 'After the last lesson' });
  await expect(next).toBeVisible();
  await expect(next.getByRole('link', { name: 'This lesson’s challenges' })).toHaveAttribute('href', /^#challenge-/);
  await expect(next.getByRole('link', { name: 'The reference' })).toHaveAttribute('href', /\/reference\/$/);
  await next.getByRole('link', { name: 'Watch your own service' }).click();
  await expect(page.getByRole('heading', { name: /Your own service: keep-alive-lab watch/ })).toBeVisible();
});
