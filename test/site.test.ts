// The built site: every internal link points at a page or an anchor that exists, and the
// reference page keeps the anchors that code reviews link to. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const dist = new URL('../dist/', import.meta.url).pathname;
const built = existsSync(join(dist, 'index.html'));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
  );
}

function pageFor(pathname: string): string | undefined {
  const candidates = [join(dist, pathname, 'index.html'), join(dist, pathname)];
  return candidates.find((candidate) => existsSync(candidate) && candidate.endsWith('.html'));
}

test('the reference page keeps its stable anchors', { skip: !built && 'needs a build' }, () => {
  const html = readFileSync(join(dist, 'reference/index.html'), 'utf8');
  for (const client of ['node-http', 'fetch', 'go']) {
    for (const topic of ['', '-drain', '-pool', '-reset', '-proxy-502', '-deadline', '-detect']) assert.match(html, new RegExp(`id="${client}${topic}"`), `#${client}${topic}`);
  }
});

test('every internal link and anchor resolves', { skip: !built && 'needs a build' }, () => {
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

test('the home page lists every lesson, in order', { skip: !built && 'needs a build' }, () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const lessons = readdirSync(new URL('../content/lessons/', import.meta.url)).sort();
  const linked = [...html.matchAll(/href="\/lessons\/([^/"]+)\/"/g)].map((match) => match[1]);
  assert.deepEqual(linked, lessons.map((id) => id.replace(/^\d+-/, '')));
});

test('the agenda total is the sum of the lessons’ durations', { skip: !built && 'needs a build' }, async () => {
  const { lessonsOnDisk } = await import('./helpers/lessons.ts');
  const durations = lessonsOnDisk().map((lesson) => lesson.frontmatter.duration);
  const html = readFileSync(join(dist, 'agenda/index.html'), 'utf8');
  const total = Number(/data-agenda-total[^>]*>(\d+) minutes</.exec(html)?.[1]);
  assert.equal(total, durations.reduce((sum, minutes) => sum + minutes, 0));
  const rows = [...html.matchAll(/data-agenda-minutes="(\d+)"/g)].map((match) => Number(match[1]));
  assert.deepEqual(rows, durations);
});

test('challenge reference answers are never shipped', { skip: !built && 'needs a build' }, async () => {
  const { lessonsOnDisk } = await import('./helpers/lessons.ts');
  const { readLessonFiles, challengeRun } = await import('../src/lessons/lesson-files.ts');
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
test('pages name the Node lines of a line-specific claim, and the Node or Go of every recording', { skip: !built && 'needs a build' }, () => {
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
test('no word runs into the code or link before it', { skip: !built && 'needs a build' }, () => {
  const joined = htmlFiles(dist).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<\/(code|a|strong|em)>([A-Za-z][^<\s]*)/g)].map((match) => `${file.slice(dist.length)}: …</${match[1]}>${match[2]}`),
  );
  assert.deepEqual(joined, []);
});

test('no code or link runs into the word before it', { skip: !built && 'needs a build' }, () => {
  const joined = htmlFiles(dist).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/([A-Za-z]+[,.;:)]?)<(code|a|strong|em|kbd)[\s>]/g)].map((match) => `${file.slice(dist.length)}: ${match[1]}<${match[2]}…`),
  );
  assert.deepEqual(joined, []);
});
