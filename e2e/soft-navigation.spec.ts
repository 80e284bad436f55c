// Moving between lessons is a soft navigation: the page's JavaScript, and so the booted runtime,
// lives for the whole visit (src/client/site/soft-navigation.ts). WebContainer cannot boot here (no
// internet), but it creates its frame and counts its boot in seconds, which is enough to prove
// that the next lesson keeps both.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

/** The pager at the end of a lesson's prose. */
const pager = (page: Page) => page.getByRole('navigation', { name: 'Lessons' });

/** A flag in the page's JavaScript: still there after a navigation only if that was soft. */
const markVisit = (page: Page) => page.evaluate(() => Object.assign(window, { labSameVisit: true }));
const sameVisit = (page: Page) => page.evaluate(() => 'labSameVisit' in window);

async function typeAtLine(page: Page, lesson: LessonPage, file: string, lineText: string, text: string) {
  await lesson.staticCode(file).locator('.line', { hasText: lineText }).click();
  await expect(lesson.editor(file)).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

test('WebContainer boots once per visit: the next lesson keeps its frame, and its boot goes on', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/one-connection/?webcontainer-timeout=300');
  // Chosen in the page's control, so the choice holds on the next lesson too.
  await page.getByRole('combobox', { name: 'Runs in' }).selectOption('webcontainer');
  await lesson.fileTab('client.js').click(); // The first interaction with the workspace starts the boot.
  const booting = /^Starting Node in your browser \(WebContainer\)… (\d+) s$/;
  const bootSeconds = async () => Number(booting.exec((await lesson.runStatus.textContent()) ?? '')?.[1] ?? Number.NaN);
  await expect.poll(bootSeconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

  // The frame @webcontainer/api appended to <body>: marked, and watched for ever leaving it
  // (an iframe taken out of the document reloads, which would kill the container).
  await page.evaluate(() => {
    const frames = [...document.querySelectorAll('iframe')];
    if (frames.length !== 1) throw new Error(`expected WebContainer's one frame, found ${frames.length}`);
    const frame = Object.assign(frames[0]!, { labMarker: 'booted on lesson 1' });
    new MutationObserver((records) => {
      if (records.some((record) => [...record.removedNodes].includes(frame))) Object.assign(window, { labFrameDetached: true });
    }).observe(document.body, { childList: true });
  });
  const frameState = () =>
    page.evaluate(() => ({
      frames: document.querySelectorAll('iframe').length,
      marked: [...document.querySelectorAll('iframe')].some((frame) => (frame as { labMarker?: string }).labMarker === 'booted on lesson 1'),
      detached: 'labFrameDetached' in window,
    }));
  const secondsBefore = await bootSeconds();

  await pager(page).getByRole('link', { name: 'The leak →', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  await expect(page).toHaveURL(/\/lessons\/the-leak\/$/);
  expect(await frameState()).toEqual({ frames: 1, marked: true, detached: false });
  await expect(page.getByRole('combobox', { name: 'Runs in' })).toHaveValue('webcontainer');
  // The clock goes on from where it was: nothing booted again.
  await expect(lesson.runStatus).toHaveText(booting);
  expect(await bootSeconds()).toBeGreaterThanOrEqual(secondsBefore);

  // Back to the first lesson (the browser's Back button): the same frame still.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'One connection, many requests' })).toBeVisible();
  expect(await frameState()).toEqual({ frames: 1, marked: true, detached: false });
  await expect(lesson.runStatus).toHaveText(booting);
  // Two navigations can take less than a second: the clock gets two to tick on. A boot started
  // again would count from 0 and could not reach it in time.
  await expect.poll(bootSeconds, { timeout: 2_000 }).toBeGreaterThanOrEqual(secondsBefore + 1);
});

test('lesson to lesson and back with the local runner: edits are kept, and Run works on each lesson', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/one-connection/');
  await markVisit(page);
  await typeAtLine(page, lesson, 'client.js', "import http from 'node:http';", " console.log('kept across lessons');");
  // Straight on, without waiting for the edit to be saved: leaving the lesson saves it.
  await pager(page).getByRole('link', { name: 'The leak →', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  expect(await sameVisit(page)).toBe(true);
  await expect(lesson.runStatus).toHaveText(/Ready: code runs with the local runner/);
  await expect(lesson.staticCode('client.js')).not.toContainText('kept across lessons');
  // This lesson's editor opens with this lesson's file (each file name was another lesson's too).
  await typeAtLine(page, lesson, 'client.js', '200 requests answered', ' // on the leak');
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 200 connections/);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'One connection, many requests' })).toBeVisible();
  expect(await sameVisit(page)).toBe(true);
  await expect(page.getByText('Your edits from last time are back.')).toBeVisible();
  await expect(lesson.staticCode('client.js')).toContainText("console.log('kept across lessons');");
  await lesson.run();
  expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 200 connections/);
  await expect(lesson.output).toContainText('[client] kept across lessons');

  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  await expect(lesson.staticCode('client.js')).toContainText('// on the leak');
});

test('after a soft navigation the page is whole: title, focus, theme, heading links, presenter view, progress', async ({ page }) => {
  await page.goto('/lessons/one-connection/');
  await markVisit(page);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await pager(page).getByRole('link', { name: 'The leak →', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  expect(await sameVisit(page)).toBe(true);
  await expect(page).toHaveTitle('The leak · Keep-Alive Lab');

  // Focus starts from the top, as after a page load: the first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // It works, and Back from it stays on this page as it is, not a fresh copy of it.
  await page.evaluate(() => Object.assign(document.querySelector('h1')!, { labMarker: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/lessons\/the-leak\/#main$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/lessons\/the-leak\/$/);
  expect(await page.evaluate(() => 'labMarker' in document.querySelector('h1')!)).toBe(true);
  // The theme came along, and the new page's control says so.
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(20, 23, 28)');
  // This lesson's headings have their links.
  await expect(page.getByRole('link', { name: 'Copy a link to “Run it”' })).toBeAttached();

  // Presenter view's toggle works on a page reached softly; ] moves on, still presenting.
  await page.getByRole('button', { name: 'Presenter view' }).click();
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
  await page.locator('body').press(']');
  await expect(page).toHaveURL(/\/lessons\/draining-vs-destroying\//);
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden();
  await page.getByRole('button', { name: 'Leave presenter view' }).click();
  await expect(page.getByRole('navigation', { name: 'Site' })).toBeVisible();

  // The home page counts a lesson passed since it was last shown.
  await page.evaluate(() => localStorage.setItem('keep-alive-lab:progress', JSON.stringify({ '02-the-leak': { completedAt: '2026-01-01T00:00:00.000Z' } })));
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Lessons' }).click();
  await expect(page.getByText(/^1 of \d+ lessons done\.$/)).toBeVisible();
  await expect(page).toHaveTitle('Keep-Alive Lab');
  expect(await sameVisit(page)).toBe(true);
});

test('with reduced motion asked for, the next page appears without the cross-fade', async ({ browser }) => {
  const animationsOnArrival = async (reducedMotion: 'reduce' | 'no-preference') => {
    const page = await browser.newPage({ reducedMotion });
    await page.goto('/lessons/one-connection/');
    // Every animation seen in the frames after the swap: the view transition's run on pseudo-elements.
    await page.evaluate(() =>
      document.addEventListener('astro:after-swap', () => {
        const seen = new Set<string>();
        const started = performance.now();
        const look = () => {
          for (const animation of document.getAnimations()) seen.add((animation.effect as KeyframeEffect | null)?.pseudoElement ?? 'element');
          if (performance.now() - started < 600) requestAnimationFrame(look);
          else Object.assign(window, { labAnimations: [...seen] });
        };
        look();
      }),
    );
    await pager(page).getByRole('link', { name: 'The leak →', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as { labAnimations?: string[] }).labAnimations)).toBeDefined();
    const seen = await page.evaluate(() => (window as { labAnimations?: string[] }).labAnimations ?? []);
    await page.close();
    return seen.filter((pseudo) => pseudo.startsWith('::view-transition'));
  };
  expect(await animationsOnArrival('no-preference')).not.toEqual([]);
  expect(await animationsOnArrival('reduce')).toEqual([]);
});

test('presenter view opened from the agenda stays on from lesson to lesson', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/agenda/');
  await markVisit(page);
  await page.getByRole('link', { name: 'presenter view', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
  await page.locator('body').press(']');
  await expect(page).toHaveURL(/\/lessons\/the-leak\/$/);
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
  expect(await sameVisit(page)).toBe(true);
});

test.describe('a run in progress when the learner leaves the lesson', () => {
  // A lab of our own that runs one lesson at a time: a run left behind would hold the one slot,
  // and the next lesson's run would wait for it (up to the 60 s limit) instead of running.
  let lab: ChildProcess | undefined;
  let origin = '';

  test.beforeAll(async () => {
    lab = spawn(process.execPath, ['src/runner/start.ts', '--no-build', '--port', '0', '--max-runs', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    lab.stdout?.on('data', (chunk) => (output += String(chunk)));
    await expect.poll(() => /is running at (http:\/\/\S+?)\/?\s/.exec(output)?.[1] ?? '', { timeout: 20_000 }).toMatch(/^http/);
    origin = /is running at (http:\/\/\S+?)\/?\s/.exec(output)?.[1] ?? '';
  });

  test.afterAll(async () => {
    if (lab?.pid && lab.exitCode === null) {
      lab.kill('SIGTERM');
      await new Promise((resolve) => lab?.once('exit', resolve));
    }
  });

  test('is stopped, processes and all, and the next lesson runs', async ({ page, context }) => {
    const lesson = new LessonPage(page);
    await page.goto(`${origin}/lessons/the-leak/`);
    await lesson.staticCode('client.js').click();
    await expect(lesson.editor('client.js')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type("setInterval(() => console.log('still running'), 100);");
    await page.keyboard.press('Escape');
    await lesson.run();
    await expect(lesson.output).toContainText('[client] still running');

    // A soft navigation keeps the page's connection to the runner open, so only the lab itself
    // can stop the run: the runner would not notice the learner leaving.
    await pager(page).getByRole('link', { name: 'Draining vs. destroying →', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Draining vs. destroying' })).toBeVisible();

    // Another learner, with a connection of their own, gets the one slot: nothing was left running.
    const other = new LessonPage(await context.newPage());
    await other.page.goto(`${origin}/lessons/draining-vs-destroying/`);
    await other.run();
    expect(await other.runEnded()).toMatch(/Finished .*200 requests over 200 connections/);

    await lesson.run();
    expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 200 connections/);
    await expect(lesson.output).not.toContainText('still running');
  });
});
