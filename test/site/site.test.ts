// The built site: every internal link points at a page or an anchor that exists, and the
// reference page keeps the anchors that code reviews link to. Needs `npm run build` first (`npm test`
// builds before it runs these): without a finished build of the sources as they are now, every
// test here fails, rather than skip or pass on an old dist/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { BUILD_STAMP, type BuildStamp } from '../../src/build/build-stamp.ts';

const root = new URL('../../', import.meta.url).pathname;
const dist = join(root, 'dist/');
/** What a build is made from: `npm start`'s list (src/runner/start.ts), with the lockfile. */
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'];
/** Where every page names its build's id, KAL_BUILD_ID (BaseLayout.astro): Date.now() in base 36 when the build started. */
const BUILD_ID = /isolation-sw\.js\?build=([0-9a-z]+)"/;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
  );
}

/** Every file and folder of a source, with when it last changed. */
function* changes(path: string): Generator<{ path: string; mtimeMs: number; folder: boolean }> {
  const info = statSync(path);
  yield { path, mtimeMs: info.mtimeMs, folder: info.isDirectory() };
  if (info.isDirectory()) for (const entry of readdirSync(path)) yield* changes(join(path, entry));
}

/** Files the build itself writes into the sources while it runs: a lesson's recorded runs (src/lessons/recordings.ts). */
const WRITTEN_BY_BUILD = /\/content\/lessons\/[^/]+\/recordings\//;

/**
 * Why dist/ is not a finished build, for `/`, of the sources as they are now; undefined if it is.
 * A file is compared with the time the build started (its id), not the time it ended (the stamp):
 * one saved while the build ran may not be in it. Files the build writes, and folders (a folder
 * changes when the build adds a recording), are compared with the end.
 */
function whyNotFresh(): string | undefined {
  const stampFile = join(dist, BUILD_STAMP);
  if (!existsSync(stampFile)) return existsSync(dist) ? `dist/ has no ${BUILD_STAMP}: its last build did not finish.` : 'There is no dist/.';
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Partial<BuildStamp>;
  if ((stamp.base ?? '/') !== '/') return `dist/ was built for the base path ${stamp.base} (BASE_PATH); these tests check the build \`npm start\` serves, at /.`;
  const ids = new Set(htmlFiles(dist).map((file) => BUILD_ID.exec(readFileSync(file, 'utf8'))?.[1] ?? '(none)'));
  if (ids.size !== 1) return `dist/'s pages do not all come from one build: build ids ${[...ids].join(', ')}.`;
  const id = [...ids][0]!;
  const startedAt = parseInt(id, 36);
  const endedAt = statSync(stampFile).mtimeMs;
  // A build takes minutes, not hours; its id is its start only if KAL_BUILD_ID was not set by hand.
  if (!(startedAt <= endedAt && endedAt - startedAt < 3_600_000)) {
    return `dist/'s pages (build id ${id}) do not come from the build that wrote ${BUILD_STAMP} (${stamp.builtAt}), or their build id is not its start time.`;
  }
  const late = SOURCES.filter((source) => existsSync(join(root, source)))
    .flatMap((source) => [...changes(join(root, source))])
    .filter((entry) => entry.mtimeMs >= (entry.folder || WRITTEN_BY_BUILD.test(entry.path) ? endedAt : startedAt))
    .sort((one, other) => other.mtimeMs - one.mtimeMs);
  if (late[0]) {
    return `${late[0].path.slice(root.length)}${late.length > 1 ? ` (and ${late.length - 1} more)` : ''} changed at ${new Date(late[0].mtimeMs).toISOString()}, after the build in dist/ started (${new Date(startedAt).toISOString()}, finished ${new Date(endedAt).toISOString()}).`;
  }
  return undefined;
}

before(() => {
  const problem = whyNotFresh();
  if (problem) assert.fail(`${problem} These tests check the built site: run \`npm run build\`, then run them again.`);
});

function pageFor(pathname: string): string | undefined {
  const candidates = [join(dist, pathname, 'index.html'), join(dist, pathname)];
  return candidates.find((candidate) => existsSync(candidate) && candidate.endsWith('.html'));
}

test('the reference page keeps its stable anchors', () => {
  const html = readFileSync(join(dist, 'reference/index.html'), 'utf8');
  for (const client of ['node-http', 'fetch', 'go']) {
    for (const topic of ['', '-drain', '-pool', '-reset', '-proxy-502', '-deadline', '-detect']) assert.match(html, new RegExp(`id="${client}${topic}"`), `#${client}${topic}`);
  }
});

test('every internal link and anchor resolves', () => {
  const broken: string[] = [];
  for (const file of htmlFiles(dist)) {
    const html = readFileSync(file, 'utf8');
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
      if (!href || /^(https?:|mailto:|data:)/.test(href) || href.startsWith('/_astro/')) continue;
      const url = new URL(href, `http://lab${file.slice(dist.length - 1).replace(/index\.html$/, '')}`);
      const target = pageFor(url.pathname) ?? (existsSync(join(dist, url.pathname)) ? join(dist, url.pathname) : undefined);
      if (!target) broken.push(`${file.slice(dist.length)} → ${href}`);
      else if (url.hash && target.endsWith('.html') && !readFileSync(target, 'utf8').includes(`id="${url.hash.slice(1)}"`)) {
        broken.push(`${file.slice(dist.length)} → ${href} (no such anchor)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('the home page lists every lesson, in order', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const lessons = readdirSync(new URL('../../content/lessons/', import.meta.url)).sort();
  const linked = [...html.matchAll(/href="\/lessons\/([^/"]+)\/"/g)].map((match) => match[1]);
  assert.deepEqual(linked, lessons.map((id) => id.replace(/^\d+-/, '')));
});

test('the agenda total is the sum of the lessons’ durations', async () => {
  const { lessonsOnDisk } = await import('../helpers/lessons.ts');
  const durations = lessonsOnDisk().map((lesson) => lesson.frontmatter.duration);
  const html = readFileSync(join(dist, 'agenda/index.html'), 'utf8');
  const total = Number(/data-agenda-total[^>]*>(\d+) minutes</.exec(html)?.[1]);
  assert.equal(total, durations.reduce((sum, minutes) => sum + minutes, 0));
  const rows = [...html.matchAll(/data-agenda-minutes="(\d+)"/g)].map((match) => Number(match[1]));
  assert.deepEqual(rows, durations);
});

test('challenge reference answers are never shipped', async () => {
  const { lessonsOnDisk } = await import('../helpers/lessons.ts');
  const { readLessonFiles, challengeRun } = await import('../../src/lessons/lesson-files.ts');
  const shipped = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(html|js|json)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
  let checked = 0;
  for (const lesson of lessonsOnDisk()) {
    for (const challenge of lesson.frontmatter.challenges) {
      const start = readLessonFiles(lesson.folder, challengeRun(challenge.id, 'starter'));
      for (const file of readLessonFiles(lesson.folder, challengeRun(challenge.id, 'reference'))) {
        if (start.find((starter) => starter.name === file.name)?.content === file.content) continue;
        checked++;
        // As written, and as it would appear inside JSON.
        assert.ok(!shipped.includes(file.content) && !shipped.includes(JSON.stringify(file.content).slice(1, -1)), `${lesson.id} ${challenge.id} ${file.name} is in dist/`);
      }
    }
  }
  assert.ok(checked >= 8, `checked ${checked} reference files`);
});

// Issue 26: a claim that holds on some Node lines only is marked with them where its number is
// printed, and the recorded runs say which Node (and, for lesson 8's Go clients, which Go) made them.
test('pages name the Node lines of a line-specific claim, and the Node or Go of every recording', () => {
  const fetchPage = readFileSync(join(dist, 'lessons/fetch/index.html'), 'utf8');
  assert.match(fetchPage, /at least 350<\/span><span class="claimed-lines"[^>]*> \(on Node 24\)<\/span>/);
  assert.match(fetchPage, /at most 210<\/span><span class="claimed-lines"[^>]*> \(on Node 22 and 26\)<\/span>/);
  for (const file of htmlFiles(dist).filter((path) => path.includes('/lessons/'))) {
    const html = readFileSync(file, 'utf8');
    if (html.includes('data-recorded')) assert.match(html, /Recorded runs, measured on Node v26\.\d+\.\d+/, file);
  }
  const goPage = readFileSync(join(dist, 'lessons/the-go-original/index.html'), 'utf8');
  assert.match(goPage, /built with Go 1\.19\.\d+ \(Debian/);
  assert.deepEqual([...new Set(goPage.match(/Go 1\.19\.\d+: [a-z ,]+ \(recorded\)/g))].length, 3);
});

// The build drops the line break after an inline element that ends a source line, and with it the
// space: "timeout</code>\n hint" became "timeouthint". It drops the one before an inline element that
// starts a line too: "lesson with\n<a>presenter view" became "withpresenter view". Such lines end with {' '}.
test('no word runs into the code or link before it', () => {
  const joined = htmlFiles(dist).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<\/(code|a|strong|em)>([A-Za-z][^<\s]*)/g)].map((match) => `${file.slice(dist.length)}: …</${match[1]}>${match[2]}`),
  );
  assert.deepEqual(joined, []);
});

test('no code or link runs into the word before it', () => {
  const joined = htmlFiles(dist).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/([A-Za-z]+[,.;:)]?)<(code|a|strong|em|kbd)[\s>]/g)].map((match) => `${file.slice(dist.length)}: ${match[1]}<${match[2]}…`),
  );
  assert.deepEqual(joined, []);
});
