// `npm run bench`: the lab's speed figures, measured in Chromium against the built site and the
// real local runner. Prints a table (median, min, max) and writes bench-results/latest.json.
// Timing figures are reported, not asserted: a busy machine can miss them. See README.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { startLabServer } from '../../src/runner/lab-server.ts';

const root = new URL('../..', import.meta.url).pathname;
const distDir = join(root, 'dist');
const LESSON = '/lessons/the-leak/';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

interface Figure {
  name: string;
  unit: string;
  samples: number[];
}

if (!existsSync(join(distDir, 'index.html'))) {
  console.error('No build found. Run `npm run build` first.');
  process.exit(1);
}

const lab = await startLabServer({ distDir, port: 0 });
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  const figures = [...(await pageWeight(browser)), await runToFirstSample(browser)];
  report(figures);
} finally {
  await browser.close();
  await lab.close();
}

/** JavaScript and CSS a lesson page loads before any interaction, gzip-compressed. */
async function pageWeight(browser: Browser): Promise<Figure[]> {
  const js: number[] = [];
  const css: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    const bodies: Promise<{ type: string; bytes: number }>[] = [];
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (/javascript|css/.test(type)) bodies.push(response.body().then((body) => ({ type, bytes: gzipSync(body).length })));
    });
    await page.goto(new URL(LESSON, lab.url).href, { waitUntil: 'networkidle' });
    const loaded = await Promise.all(bodies);
    // Styles inlined into the HTML count too.
    const inlineCss = await page.evaluate(() => [...document.querySelectorAll('style')].map((style) => style.textContent ?? '').join(''));
    js.push(sum(loaded.filter((body) => body.type.includes('javascript')).map((body) => body.bytes)) / 1024);
    css.push((sum(loaded.filter((body) => body.type.includes('css')).map((body) => body.bytes)) + gzipSync(inlineCss).length) / 1024);
    await page.close();
  }
  return [
    { name: 'Lesson page JavaScript before interaction (gzip)', unit: 'KB', samples: js },
    { name: 'Lesson page CSS before interaction (gzip, files + inline)', unit: 'KB', samples: css },
  ];
}

/** From pressing Run to the first meter sample on screen, with the local runner. */
async function runToFirstSample(browser: Browser): Promise<Figure> {
  const page = await browser.newPage();
  await page.goto(new URL(LESSON, lab.url).href);
  await page.getByRole('status', { name: 'Run status' }).filter({ hasText: 'Ready' }).waitFor();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => performance.clearMarks());
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => performance.getEntriesByName('lab:first-sample').length > 0, null, { timeout: 10_000 });
    samples.push(
      await page.evaluate(
        () => performance.getEntriesByName('lab:first-sample')[0]!.startTime - performance.getEntriesByName('lab:run')[0]!.startTime,
      ),
    );
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-action="stop"]')?.hasAttribute('disabled'));
  }
  await page.close();
  return { name: `Run to first meter sample on screen (${RUNS} runs)`, unit: 'ms', samples };
}

function report(figures: Figure[]) {
  const rows = figures.map((figure) => {
    const sorted = [...figure.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    return { name: figure.name, unit: figure.unit, median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!), runs: sorted.length };
  });
  console.log('\n| Figure | Median | Min | Max |\n| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.name} | ${row.median} ${row.unit} | ${row.min} | ${row.max} |`);
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: `${platform()} ${arch()}`, node: process.version };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, figures: rows }, null, 2)}\n`);
  console.log(`\nMachine: ${machine.cores} cores, ${machine.cpu}, ${machine.platform}, Node ${machine.node}. Written to bench-results/latest.json.`);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
