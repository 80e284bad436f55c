// `npm run bench -- --compare`: the default TutorialKit template, the framework a team would
// otherwise pick, scaffolded from the npm registry into a temporary folder, built with its own
// `astro build`, served by the same server as the lab and measured on the figures that apply.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startLabServer } from '../../src/runner/lab-server.ts';
import { launchBrowser } from './browser.ts';
import { type Figure, median, summarise, type Row } from './figures.ts';
import { countPages, LESSON, labEditor } from './lab-figures.ts';
import { CATEGORIES, type Scores, startLighthouse } from './lighthouse.ts';
import { type EditorTarget, watchReady, weightBeforeInteraction } from './page-figures.ts';

const FOLDER = join(tmpdir(), 'kal-tutorialkit');
const PROJECT = join(FOLDER, 'tk');
const TK_LESSON = '/1-basics/1-introduction/1-welcome/';

const tutorialKitEditor: EditorTarget = {
  async click(page) {
    await page.locator('.cm-content').first().click();
  },
  acceptsKeys: () => document.activeElement?.closest('.cm-editor') != null,
  text: (page) => page.locator('.cm-content').first().innerText(),
  async settled() {},
};

/**
 * From navigation to a keystroke going into the code, and into the full editor, clicking the code
 * as soon as it shows.
 */
async function timeToEditable(browser: Browser, url: string, target: EditorTarget, visible: (page: Page) => Promise<void>): Promise<{ keys: number; editor: number }> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await visible(page);
  const keys = await watchReady(page, target.acceptsKeys);
  const editor = await watchReady(page, target.editorHasKeys ?? target.acceptsKeys);
  await target.click(page);
  const [keysAt, editorAt] = await Promise.all([keys(), editor()]);
  await page.close();
  return { keys: keysAt, editor: editorAt };
}

function scaffold(): void {
  if (existsSync(join(PROJECT, 'package.json')) && existsSync(join(PROJECT, 'node_modules'))) return;
  mkdirSync(FOLDER, { recursive: true });
  console.log(`Scaffolding TutorialKit into ${PROJECT} (npx create-tutorial)…`);
  const created = spawnSync('npx', ['-y', 'create-tutorial@latest', 'tk', '--defaults', '--no-start', '--no-git', '--install'], {
    cwd: FOLDER,
    stdio: 'inherit',
    timeout: 15 * 60_000,
  });
  if (created.status !== 0) throw new Error('create-tutorial failed; see its output above.');
}

function buildTutorialKit(): { seconds: number; pages: number } {
  const started = performance.now();
  const build = spawnSync(process.execPath, [join(PROJECT, 'node_modules/astro/astro.js'), 'build'], { cwd: PROJECT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`TutorialKit's astro build failed:\n${build.stdout}\n${build.stderr}`);
  return { seconds: (performance.now() - started) / 1000, pages: countPages(join(PROJECT, 'dist')) };
}

interface Side {
  rows: Row[];
  buildSecondsPerPage: number;
}

export async function compareWithTutorialKit({ repeats, lab }: { repeats: number; lab: Side }) {
  scaffold();
  console.log(`Building TutorialKit ${repeats} times…`);
  const builds = Array.from({ length: repeats }, () => buildTutorialKit());
  const server = await startLabServer({ distDir: join(PROJECT, 'dist'), port: 0 });
  const labServer = await startLabServer({ distDir: new URL('../../dist', import.meta.url).pathname, port: 0 });
  await Promise.all([server.warmUp(), labServer.warmUp()]);
  const tkUrl = new URL(TK_LESSON, server.url).href;
  const labUrl = new URL(LESSON, labServer.url).href;
  const figures: Figure[] = [];
  const labEditable: { keys: number; editor: number }[] = [];
  const browser = await launchBrowser();
  try {
    const weights = [];
    const editable: { keys: number; editor: number }[] = [];
    for (let i = 0; i < repeats; i++) {
      weights.push(await weightBeforeInteraction(browser, tkUrl));
      editable.push(await timeToEditable(browser, tkUrl, tutorialKitEditor, (page) => page.locator('.cm-content').first().waitFor()));
      labEditable.push(
        await timeToEditable(browser, labUrl, labEditor, (page) => page.getByRole('tabpanel', { name: 'client.js' }).locator('pre').waitFor()),
      );
    }
    figures.push(
      { name: 'Lesson page JavaScript before interaction (gzip)', unit: 'KB', samples: weights.map((w) => w.jsKB) },
      { name: 'Lesson page CSS before interaction (gzip, files + inline)', unit: 'KB', samples: weights.map((w) => w.cssKB) },
      { name: 'Navigation to code editable (click as soon as code shows)', unit: 'ms', samples: editable.map((e) => e.keys) },
      { name: 'Navigation to the full editor taking keys (Monaco; TutorialKit: CodeMirror)', unit: 'ms', samples: editable.map((e) => e.editor) },
    );
  } finally {
    await browser.close();
  }
  const session = await startLighthouse();
  const tkScores: Scores[] = [];
  const labScores: Scores[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      tkScores.push(await session.scores(tkUrl));
      labScores.push(await session.scores(labUrl));
    }
  } finally {
    await session.close();
    await server.close();
    await labServer.close();
  }
  for (const id of CATEGORIES) figures.push({ name: `Lighthouse ${id}, lesson page`, unit: 'points', samples: tkScores.map((scores) => scores[id]) });
  figures.push({ name: 'Build: time per page', unit: 's', samples: builds.map((b) => b.seconds / b.pages) });

  const labFigure = (name: string): number | undefined => lab.rows.find((row) => row.name.startsWith(name))?.median;
  const labMedians: Record<string, number | undefined> = {
    'Lesson page JavaScript before interaction (gzip)': labFigure('Lesson page JavaScript'),
    'Lesson page CSS before interaction (gzip, files + inline)': labFigure('Lesson page CSS'),
    'Navigation to code editable (click as soon as code shows)': median(labEditable.map((e) => e.keys)),
    'Navigation to the full editor taking keys (Monaco; TutorialKit: CodeMirror)': median(labEditable.map((e) => e.editor)),
    'Build: time per page': lab.buildSecondsPerPage,
    ...Object.fromEntries(CATEGORIES.map((id) => [`Lighthouse ${id}, lesson page`, median(labScores.map((scores) => scores[id]))])),
  };
  const rows = figures.map((figure) => {
    const tk = summarise(figure);
    const ours = labMedians[figure.name];
    const higherIsBetter = figure.unit === 'points';
    const ratio = ours === undefined || ours === 0 ? undefined : higherIsBetter ? ours / tk.median : tk.median / ours;
    return { name: figure.name, unit: figure.unit, tutorialKit: tk.median, lab: ours, labIsBetterBy: ratio && Math.round(ratio * 100) / 100, runs: tk.runs };
  });
  console.log(`\nKeep-Alive Lab vs the default TutorialKit template (medians of ${repeats}; "better by" > 1 means the lab wins):\n`);
  console.log('| Figure | TutorialKit | Keep-Alive Lab | Lab better by |\n| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.name} | ${row.tutorialKit} ${row.unit} | ${round(row.lab)} ${row.unit} | ${row.labIsBetterBy ?? '–'}× |`);
  console.log(`\nTutorialKit: ${builds[0]!.pages} pages built; first-lesson page ${TK_LESSON}.`);
  return { pages: builds[0]!.pages, rows };
}

function round(value: number | undefined): number | string {
  return value === undefined ? '–' : Math.round(value * 10) / 10;
}
