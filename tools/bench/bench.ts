// `npm run bench`: the lab's speed figures, measured in Chromium against a fresh build served by
// the real lab server. Prints a table (median, min, max), writes bench-results/latest.json.
// `npm run bench -- --compare` measures the default TutorialKit template the same way.
// Timing figures are reported, not asserted: a busy machine can miss them. See README.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY_BUILD } from '../../test/helpers/deploy-build.ts';
import { startLabServer } from '../../src/runner/lab-server.ts';
import { launchBrowser } from './browser.ts';
import { ENFORCED, REPORTED } from './budgets.ts';
import { type Figure, machine, markdownTable, median, summarise, writeJson, type Row } from './figures.ts';
import { buildOnce, editorAgain, editorFetchedAhead, LESSON, labEditor, runToFirstSample, underLoad } from './lab-figures.ts';
import { CATEGORIES, startLighthouse, type Scores } from './lighthouse.ts';
import { editorLoad, weightBeforeInteraction } from './page-figures.ts';
import { isolationFigures } from './isolation-figures.ts';
import { roomFigures, roomTable } from './room.ts';
import { compareWithTutorialKit } from './tutorialkit.ts';
import { watchOverhead, watchOverheadTable } from './watch-overhead.ts';

const root = new URL('../..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const compare = process.argv.includes('--compare');

console.log(`Building the site ${REPEATS} times…`);
const builds = Array.from({ length: REPEATS }, () => buildOnce(root));
const pages = builds[0]!.pages;
// The deploy build (npm run build:base): a base path, SITE_URL, the sitemap and the link-preview
// images, which only a build with SITE_URL makes. A fresh clone draws every image; later builds
// take them from the cache.
const deployBuild = () => buildOnce(root, { outDir: DEPLOY_BUILD.dir, env: { BASE_PATH: DEPLOY_BUILD.base, SITE_URL: DEPLOY_BUILD.site } });
const previewsDrawn = Array.from({ length: REPEATS }, () => {
  rmSync(join(root, 'node_modules/.cache/keep-alive-lab/previews'), { recursive: true, force: true });
  return deployBuild();
});
const deployBuilds = Array.from({ length: REPEATS }, deployBuild);
// BENCH_BUILD_BEFORE=<a checkout of an older commit, installed>: the same build there, for a before/after row.
const before = process.env.BENCH_BUILD_BEFORE;
const buildsBefore = before ? Array.from({ length: REPEATS }, () => buildOnce(before)) : [];

const lab = await startLabServer({ distDir: join(root, 'dist'), port: 0 });
await lab.warmUp();
const lessonUrl = new URL(LESSON, lab.url).href;
const figures: (Figure & { budget?: string })[] = [];
const browser = await launchBrowser();
const lighthouse: Scores[] = [];
try {
  console.log('Measuring the lesson page…');
  const weights = [];
  for (let i = 0; i < REPEATS; i++) weights.push(await weightBeforeInteraction(browser, lessonUrl));
  figures.push(
    { name: 'Lesson page JavaScript before interaction (gzip)', unit: 'KB', samples: weights.map((w) => w.jsKB), budget: `≤ ${ENFORCED.lessonJavaScriptKB} KB, enforced` },
    { name: 'Lesson page CSS before interaction (gzip, files + inline)', unit: 'KB', samples: weights.map((w) => w.cssKB), budget: `≤ ${ENFORCED.lessonCssKB} KB, enforced` },
  );
  console.log('Measuring the isolation worker on a static host…');
  figures.push(...(await isolationFigures(browser, REPEATS)));

  console.log('Measuring the editor…');
  const editors = [];
  for (let i = 0; i < REPEATS; i++) editors.push(await editorLoad(browser, lessonUrl, labEditor));
  figures.push(
    { name: 'Code: first click to accepting a keystroke, cold', unit: 'ms', samples: editors.map((e) => e.interactive.keysMs), budget: `≤ ${REPORTED.editorInteractiveMs} ms, reported` },
    { name: 'Editor: first click to Monaco taking the keys, cold', unit: 'ms', samples: editors.map((e) => e.interactive.editorMs), budget: `≤ ${REPORTED.monacoColdMs} ms, reported` },
    { name: 'Editor: everything it loads (gzip)', unit: 'KB', samples: editors.map((e) => e.totalKB), budget: `≤ ${ENFORCED.editorKB} KB, enforced` },
  );
  const ahead = [];
  const again = [];
  for (let i = 0; i < REPEATS; i++) {
    ahead.push(await editorFetchedAhead(browser, lab.url));
    again.push(await editorAgain(browser, lab.url));
  }
  figures.push(
    { name: 'Code: click to keystroke, editor fetched ahead (pointer on the code)', unit: 'ms', samples: ahead.map((a) => a.keysMs), budget: `≤ ${REPORTED.editorFetchedAheadMs} ms, reported` },
    { name: 'Editor: click to Monaco taking the keys, fetched ahead', unit: 'ms', samples: ahead.map((a) => a.editorMs), budget: `≤ ${REPORTED.editorAgainMs} ms, reported` },
    { name: "Editor: second file's tab click to its editor", unit: 'ms', samples: again.map((a) => a.secondFileMs), budget: `≤ ${REPORTED.editorAgainMs} ms, reported` },
    { name: 'Editor: next lesson by its link, click to Monaco taking the keys', unit: 'ms', samples: again.map((a) => a.nextLessonMs), budget: `≤ ${REPORTED.editorAgainMs} ms, reported` },
    { name: 'Editor: next lesson as a new page (HTTP cache), click to Monaco taking the keys', unit: 'ms', samples: again.map((a) => a.nextLessonNewPageMs), budget: `≤ ${REPORTED.editorAgainMs} ms, reported` },
  );

  console.log(`Run to first meter sample, ${RUNS} runs…`);
  figures.push({ name: `Run to first meter sample on screen`, unit: 'ms', samples: await runToFirstSample(browser, lab.url, RUNS), budget: `≤ ${REPORTED.runToFirstSampleMs} ms, reported` });

  console.log('Under load: 1,000 leaked connections and 5 MB of output…');
  const loads = [];
  for (let i = 0; i < REPEATS; i++) loads.push(await underLoad(browser, lab.url));
  figures.push(
    { name: 'Under load: longest main-thread task', unit: 'ms', samples: loads.map((l) => l.longestTaskMs), budget: `≤ ${REPORTED.longestTaskUnderLoadMs} ms, reported` },
    { name: 'Under load: main-thread tasks over 50 ms', unit: '', samples: loads.map((l) => l.longTasks) },
    { name: 'Under load: frames per second', unit: 'fps', samples: loads.map((l) => l.framesPerSecond), budget: `≥ ${REPORTED.framesPerSecondUnderLoad} fps, reported` },
    { name: 'Under load: connections the server accepted', unit: '', samples: loads.map((l) => l.connections) },
  );
} finally {
  await browser.close();
}

console.log('Lighthouse, mobile preset…');
const session = await startLighthouse();
try {
  for (let i = 0; i < REPEATS; i++) lighthouse.push(await session.scores(lessonUrl));
} finally {
  await session.close();
  await lab.close();
}
for (const id of CATEGORIES) {
  figures.push({ name: `Lighthouse ${id}, lesson page`, unit: 'points', samples: lighthouse.map((scores) => scores[id]), budget: `≥ ${ENFORCED.lighthouse[id]}, enforced` });
}
figures.push(
  { name: `Build: whole site (${pages} pages, recorded runs cached)`, unit: 's', samples: builds.map((b) => b.seconds), budget: `≤ ${REPORTED.buildSeconds} s, reported` },
  { name: 'Build: time per page', unit: 's', samples: builds.map((b) => b.seconds / b.pages) },
  { name: `Build: deploy build (BASE_PATH, SITE_URL; ${deployBuilds[0]!.pages} pages, preview images cached)`, unit: 's', samples: deployBuilds.map((b) => b.seconds) },
  { name: 'Build: deploy build, preview images drawn anew (a fresh clone)', unit: 's', samples: previewsDrawn.map((b) => b.seconds) },
  ...(before ? [{ name: `Build: whole site at BENCH_BUILD_BEFORE (${buildsBefore[0]!.pages} pages)`, unit: 's', samples: buildsBefore.map((b) => b.seconds) }] : []),
);

const rows: (Row & { budget?: string })[] = figures.map((figure) => ({ ...summarise(figure), budget: figure.budget }));
console.log(`\n${markdownTable(rows)}`);
console.log('\nBudgets:');
for (const row of rows.filter((row) => row.budget)) console.log(`  ${row.name}: ${row.median} ${row.unit} (${row.budget})`);

console.log('\nA room: 30 learners press Run on the leak lesson within 3 s…');
const room = await roomFigures(root);
console.log(`\n${roomTable(room)}`);

console.log('\nWhat keep-alive-lab watch costs the program it measures…');
const watch = await watchOverhead(Math.max(REPEATS, 5));
console.log(`\n${watchOverheadTable(watch)}`);

const result: Record<string, unknown> = { at: new Date().toISOString(), machine: machine(), figures: rows, room, watch };
if (compare) {
  const comparison = await compareWithTutorialKit({ repeats: REPEATS, lab: { rows, buildSecondsPerPage: median(builds.map((b) => b.seconds / b.pages)) } });
  result.tutorialkit = comparison;
}
writeJson(join(root, 'bench-results', 'latest.json'), result);
const m = machine();
console.log(`\nMachine: ${m.cores} cores, ${m.cpu}, ${m.platform}, Node ${m.node}. Written to bench-results/latest.json.`);
