// The deploy build (npm run build:base: BASE_PATH=/keep-alive-lab/ and SITE_URL, in dist-base/),
// as a chat app, a search engine and a GitHub Pages project site see it: every page carries link
// previews with absolute URLs and its own image, the sitemap lists every page, and nothing the
// pages link or load lies outside the base path. And the `npm start` build (dist/, no SITE_URL)
// leaves out what needs an absolute address rather than writing a wrong one.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { DEPLOY_BUILD } from '../helpers/deploy-build.ts';

const { dir, base, site } = DEPLOY_BUILD;
const startBuild = new URL('../../dist/', import.meta.url).pathname;

function builtPages(root: string): string[] {
  if (!existsSync(join(root, 'index.html'))) assert.fail(`No build in ${root}: run \`npm run build\` and \`npm run build:base\` first.`);
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : entry.name.endsWith('.html') ? [join(folder, entry.name)] : [],
    );
  return walk(root).filter((file) => !file.includes('/pagefind/'));
}

/** The URL a built file is served at in the deploy. */
function servedAt(file: string): string {
  const path = relative(dir, file).replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '');
  return new URL(`${base}${path}`, site).href;
}

function meta(html: string, key: string): string | undefined {
  const tag = [...html.matchAll(/<meta\s[^>]*>/g)].map(([element]) => element).find((element) => element.includes(`property="${key}"`) || element.includes(`name="${key}"`));
  return tag ? /content="([^"]*)"/.exec(tag)?.[1]?.replace(/&amp;/g, '&') : undefined;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is not a PNG`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', `${file} has no IHDR chunk first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('every page has link-preview tags with absolute URLs, and an image of its own at 1200x630', () => {
  const pages = builtPages(dir);
  assert.ok(pages.length >= 15, `only ${pages.length} pages built`);
  const lessonImages = new Set<string>();
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const where = relative(dir, file);
    const notFound = where === '404.html';
    for (const key of ['og:title', 'og:description', 'og:type', 'og:image', 'og:image:alt', 'twitter:card']) assert.ok(meta(html, key), `${where}: no ${key}`);
    assert.equal(meta(html, 'twitter:card'), 'summary_large_image', where);
    assert.equal(meta(html, 'og:image:width'), '1200', where);
    assert.equal(meta(html, 'og:image:height'), '630', where);
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    if (notFound) {
      assert.equal(canonical, undefined, '404.html is served at any address: it must not claim one');
    } else {
      assert.equal(canonical, servedAt(file), `${where}: canonical`);
      assert.equal(meta(html, 'og:url'), canonical, `${where}: og:url`);
    }
    const image = new URL(meta(html, 'og:image')!);
    assert.equal(image.origin, site, `${where}: og:image ${image.href} is not on SITE_URL`);
    assert.ok(image.pathname.startsWith(`${base}previews/`), `${where}: og:image ${image.pathname} is not under ${base}previews/`);
    const imageFile = join(dir, image.pathname.slice(base.length));
    assert.ok(existsSync(imageFile), `${where}: ${image.pathname} was not built`);
    assert.deepEqual(pngSize(imageFile), { width: 1200, height: 630 }, `${where}: ${image.pathname}`);
    if (where.startsWith('lessons/')) {
      assert.equal(meta(html, 'og:type'), 'article', where);
      lessonImages.add(image.pathname);
    }
  }
  const lessons = readdirSync(join(dir, 'lessons'));
  assert.equal(lessonImages.size, lessons.length, 'each lesson has its own image');
});

test('a lesson image says its own recorded numbers in its alt text', async () => {
  const { summarise } = await import('../../src/run/claims.ts');
  const html = readFileSync(join(dir, 'lessons/the-leak/index.html'), 'utf8');
  const alt = meta(html, 'og:image:alt') ?? '';
  const recording = (variant: string) => JSON.parse(readFileSync(new URL(`../../content/lessons/02-the-leak/recordings/${variant}.json`, import.meta.url), 'utf8'));
  const starter = summarise(recording('starter').events);
  const solution = summarise(recording('solution').events);
  assert.ok(alt.includes(`${starter.accepted} connections → ${solution.accepted}`), alt);
  assert.ok(alt.includes(`Starter: peak ${starter.peakOpen} open`), alt);
});

test('the sitemap lists every page but those kept out of search (the 404, the room board), at its absolute URL', () => {
  const index = readFileSync(join(dir, 'sitemap-index.xml'), 'utf8');
  const listed = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].flatMap(([, loc]) => {
    const url = new URL(loc!);
    assert.equal(url.origin, site);
    const sitemap = readFileSync(join(dir, url.pathname.slice(base.length)), 'utf8');
    return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, page]) => page!);
  });
  const expected = builtPages(dir).filter((file) => meta(readFileSync(file, 'utf8'), 'robots') !== 'noindex').map(servedAt);
  assert.ok(!expected.some((page) => page.endsWith('/404') || page.endsWith('/room/')), 'the 404 and the room board say noindex');
  assert.deepEqual([...listed].sort(), expected.sort());
  assert.match(readFileSync(join(dir, 'robots.txt'), 'utf8'), /^Sitemap: https:\/\/lab\.example\.test\/keep-alive-lab\/sitemap-index\.xml$/m);
});

test('nothing a page links to or loads lies outside the base path, and every such path was built', () => {
  const outside: string[] = [];
  for (const file of builtPages(dir)) {
    const html = readFileSync(file, 'utf8');
    for (const [, attribute, value] of html.matchAll(/\s(href|src|action|content)="(\/[^"]*)"/g)) {
      if (!value!.startsWith(base)) outside.push(`${relative(dir, file)}: ${attribute}="${value}"`);
      else {
        const path = decodeURIComponent(new URL(value!, site).pathname.slice(base.length));
        if (![join(dir, path), join(dir, path, 'index.html')].some((candidate) => existsSync(candidate))) outside.push(`${relative(dir, file)}: ${value} was not built`);
      }
    }
  }
  assert.deepEqual(outside, []);
});

test('the `npm start` build, with no SITE_URL, leaves out what needs an absolute URL instead of guessing one', () => {
  for (const file of builtPages(startBuild)) {
    const html = readFileSync(file, 'utf8');
    const where = relative(startBuild, file);
    assert.ok(meta(html, 'og:title') && meta(html, 'og:description') && meta(html, 'twitter:card'), `${where}: preview text tags`);
    for (const key of ['og:image', 'og:url']) assert.equal(meta(html, key), undefined, `${where}: ${key} without SITE_URL`);
    assert.doesNotMatch(html, /rel="canonical"/, where);
  }
  assert.equal(existsSync(join(startBuild, 'sitemap-index.xml')), false);
});
