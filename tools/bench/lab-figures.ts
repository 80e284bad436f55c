// Figures only the lab has: its editor, its runs, its build. Each returns samples; bench.ts
// turns them into medians and the budget check compares some of them with limits.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { shareLink } from '../../src/client/workspace/share-link.ts';
import { type ClickTimes, clickToKeystroke, editorLoad, type EditorLoad, type EditorTarget, pageQuiet, recordPointerDowns, watchReady } from './page-figures.ts';

export const LESSON = '/lessons/the-leak/';

export const labEditor: EditorTarget = {
  async click(page) {
    await page.getByRole('tabpanel', { name: 'client.js' }).locator('pre .line').nth(3).click();
  },
  // The static code takes keys itself until Monaco has loaded (src/client/editor/quick-edit.ts).
  acceptsKeys: () => document.activeElement?.closest('.monaco-editor, [data-static-code] [contenteditable]') != null,
  editorHasKeys: () => document.activeElement?.closest('.monaco-editor') != null,
  // The lesson's code has no capital Q: one on screen is the key the bench typed.
  showsTypedQ: () =>
    [...document.querySelectorAll('[role="tabpanel"]:not([hidden]) :is([data-static-code]:not([hidden]) code, .editor-host:not([hidden]) .view-lines)')].some((code) =>
      code.textContent?.includes('Q'),
    ),
  text: (page) => page.locator('.monaco-editor .view-lines').first().innerText(),
  async settled(page, responses) {
    // The TypeScript worker and Node's types arrive after the editor is usable.
    const deadline = Date.now() + 30_000;
    const arrived = (part: string) => responses.some((response) => response.url().includes(part));
    while (!(arrived('ts.worker') && arrived('/editor-types/'))) {
      if (Date.now() > deadline) throw new Error('The TypeScript worker or the Node types never loaded.');
      await page.waitForTimeout(100);
    }
  },
};

export function labEditorLoad(browser: Browser, origin: string): Promise<EditorLoad> {
  return editorLoad(browser, new URL(LESSON, origin).href, labEditor);
}

/**
 * Click to keystroke when the editor was fetched ahead: the mouse rests on the code (one of the
 * signals in src/client/editor/edit-intent.ts), the editor's code loads and runs, then the click.
 */
export async function editorFetchedAhead(browser: Browser, origin: string): Promise<ClickTimes> {
  const context = await browser.newContext();
  await recordPointerDowns(context);
  const page = await context.newPage();
  await page.goto(new URL(LESSON, origin).href, { waitUntil: 'networkidle' });
  await page.getByRole('tabpanel', { name: 'client.js' }).locator('pre .line').nth(3).hover();
  // Quiet, not a mark of the page's own: the same wait measures a build from before the marks.
  await pageQuiet(page, 1_000);
  const times = await clickToKeystroke(page, labEditor);
  await context.close();
  return times;
}

export interface EditorAgain {
  /** From a click on the second file's tab until its editor shows the file. */
  secondFileMs: number;
  /** Next lesson through its link (the page's JavaScript lives on): click into code to Monaco taking keys. */
  nextLessonMs: number;
  /** Next lesson opened as a new page, its files in the HTTP cache: click to Monaco taking keys. */
  nextLessonNewPageMs: number;
}

const NEXT_LESSON = '/lessons/draining-vs-destroying/';

/** The editor a second time: another file of the lesson, then the next lesson, two ways. */
export async function editorAgain(browser: Browser, origin: string): Promise<EditorAgain> {
  const context = await browser.newContext();
  await recordPointerDowns(context);
  const page = await context.newPage();
  await page.goto(new URL(LESSON, origin).href, { waitUntil: 'networkidle' });
  await clickToKeystroke(page, labEditor);
  // Everything the first editor fetches (the TypeScript worker, Node's types) is in.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/editor-types/')), null, { timeout: 30_000 });
  await pageQuiet(page, 500);

  // The first frame that shows server.js in an editor, watched from before the click (see watchReady).
  const shown = await watchReady(page, () => document.querySelector('[role="tabpanel"][data-file="server.js"]:not([hidden]) .monaco-editor .view-line') != null);
  await page.getByRole('tab', { name: 'server.js' }).click();
  const shownAt = await shown();
  const secondFileMs = shownAt - (await page.evaluate(() => (window as unknown as { benchPointerDowns: number[] }).benchPointerDowns.at(-1)!));

  await page.getByRole('link', { name: /→$/ }).and(page.locator('[rel="next"]')).click();
  await page.waitForURL(`**${NEXT_LESSON}`);
  await page.getByRole('tabpanel', { name: 'client.js' }).locator('pre .line').nth(3).waitFor();
  // The editor itself, not the static code that takes keys before it: this is about mounting it again.
  const nextLessonMs = (await clickToKeystroke(page, labEditor)).editorMs;

  const fresh = await context.newPage();
  await fresh.goto(new URL(NEXT_LESSON, origin).href, { waitUntil: 'networkidle' });
  const nextLessonNewPageMs = (await clickToKeystroke(fresh, labEditor)).editorMs;
  await context.close();
  return { secondFileMs, nextLessonMs, nextLessonNewPageMs };
}

async function readyPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByRole('status', { name: 'Run status' }).filter({ hasText: 'Ready' }).waitFor();
  return page;
}

async function stopRun(page: Page): Promise<void> {
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  if (await stop.isEnabled()) await stop.click();
  await page.waitForFunction(() => document.querySelector('[data-action="stop"]')?.hasAttribute('disabled'));
}

/** From pressing Run to the first meter sample on screen (marks set by the page itself). */
export async function runToFirstSample(browser: Browser, origin: string, runs: number): Promise<number[]> {
  const page = await readyPage(browser, new URL(LESSON, origin).href);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => performance.clearMarks());
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => performance.getEntriesByName('lab:first-sample').length > 0, null, { timeout: 10_000 });
    samples.push(
      await page.evaluate(() => performance.getEntriesByName('lab:first-sample')[0]!.startTime - performance.getEntriesByName('lab:run')[0]!.startTime),
    );
    await stopRun(page);
  }
  await page.close();
  return samples;
}

/** A client that leaks 1,000 connections and prints 5 MB, run through a share link. */
export const FLOOD_CLIENT = `// Bench: 1,000 requests, bodies never read, 5 KB of output each.
import http from 'node:http';

const port = Number(process.env.PORT);
const agent = new http.Agent({ keepAlive: true });
const padding = 'x'.repeat(5000);
for (let i = 1; i <= 1000; i++) {
  await new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/items/' + i, agent }, (res) => {
      console.log(i, res.statusCode, padding);
      resolve();
    }).on('error', reject);
  });
}
console.log('1000 requests sent');
process.exit(0);
`;

export interface LoadSample {
  longestTaskMs: number;
  longTasks: number;
  framesPerSecond: number;
  /** Connections the server accepted, from the page's end-of-run status. */
  connections: number;
}

/** Main-thread long tasks and frame rate while the flood runs, from Run to the end of the run. */
export async function underLoad(browser: Browser, origin: string): Promise<LoadSample> {
  const link = await shareLink([{ name: 'client.js', content: FLOOD_CLIENT }], new URL(LESSON, origin));
  if (!link.ok) throw new Error(link.message);
  const page = await browser.newPage();
  await page.goto(link.url);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-action="run"]')?.hasAttribute('disabled'));
  await page.evaluate(() => {
    const state = { tasks: [] as number[], frames: 0, running: true, startedAt: performance.now(), endedAt: 0 };
    (window as unknown as { benchLoad: typeof state }).benchLoad = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (state.running) state.tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    const frame = () => {
      if (!state.running) return;
      state.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // A cheap poll: Playwright's text and role queries over 200 KB of output would themselves be
  // the long tasks this measures.
  await page.waitForFunction(() => !document.querySelector('[data-action="stop"]')?.hasAttribute('disabled'), null, { polling: 'raf' });
  await page.waitForFunction(() => document.querySelector('[data-action="stop"]')?.hasAttribute('disabled'), null, { polling: 500, timeout: 60_000 });
  const result = await page.evaluate(() => {
    const state = (window as unknown as { benchLoad: { tasks: number[]; frames: number; running: boolean; startedAt: number } }).benchLoad;
    state.running = false;
    const seconds = (performance.now() - state.startedAt) / 1000;
    return { tasks: state.tasks, fps: state.frames / seconds };
  });
  const connections = Number((await page.locator('[data-run-status]').innerText()).match(/over (\d+) connection/)?.[1] ?? Number.NaN);
  await page.close();
  return {
    longestTaskMs: Math.max(0, ...result.tasks),
    longTasks: result.tasks.length,
    framesPerSecond: result.fps,
    connections,
  };
}

/** A whole `astro build`, on the Node this script runs on (npm scripts pin Node 26). */
export interface BuildOptions {
  /** Build into this folder instead of dist/ (astro build --outDir). */
  outDir?: string;
  /** More environment for the build: BASE_PATH, SITE_URL. */
  env?: Record<string, string>;
}

export function buildOnce(root: string, { outDir, env = {} }: BuildOptions = {}): { seconds: number; pages: number } {
  const started = performance.now();
  const args = [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', ...(outDir ? ['--outDir', outDir] : [])];
  const build = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: '', ...env } });
  if (build.status !== 0) throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  return { seconds: (performance.now() - started) / 1000, pages: countPages(outDir ?? join(root, 'dist')) };
}

export function countPages(dir: string): number {
  let pages = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) pages += countPages(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) pages++;
  }
  return pages;
}
