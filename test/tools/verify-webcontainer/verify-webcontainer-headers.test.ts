// The kit serves its build with the headers public/_headers gives a static host, read from that
// file, so the kit and the deploy cannot drift apart.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ISOLATION_HEADERS } from '../../../src/run/cross-origin-isolation.ts';
import { headersFor, parseHeadersFile } from '../../../tools/verify-webcontainer/deploy-headers.ts';
import { PORT_RANGE, serveSite } from '../../../tools/verify-webcontainer/site-server.ts';

const HEADERS_FILE = new URL('../../../public/_headers', import.meta.url).pathname;

test('the deploy’s public/_headers gives every page and asset the isolation headers', () => {
  const rules = parseHeadersFile(readFileSync(HEADERS_FILE, 'utf8'));
  for (const path of ['/', '/lessons/the-leak/', '/_astro/app.js']) assert.deepEqual(headersFor(rules, path), ISOLATION_HEADERS, path);
});

test('comments, several rules, wildcards, exact paths, values with colons; the later rule wins', () => {
  const rules = parseHeadersFile(
    ['# a comment', '/*', '  X-One: 1', '  Link: <https://example.com/a>; rel=preload', '', '/lessons/*', '  X-One: 2', '/exact', '\tX-Exact: yes', ''].join('\n'),
  );
  assert.deepEqual(headersFor(rules, '/'), { 'X-One': '1', Link: '<https://example.com/a>; rel=preload' });
  assert.deepEqual(headersFor(rules, '/lessons/the-leak/'), { 'X-One': '2', Link: '<https://example.com/a>; rel=preload' });
  assert.equal(headersFor(rules, '/exact')['X-Exact'], 'yes');
  assert.equal(headersFor(rules, '/exact/more')['X-Exact'], undefined);
  assert.equal(headersFor(rules, '/exactly')['X-Exact'], undefined);
});

test('a file it cannot read the way a host would is refused with its line', () => {
  assert.throws(() => parseHeadersFile('  X-One: 1\n'), /line 1: a header comes before any path/);
  assert.throws(() => parseHeadersFile('/*\n  not a header\n'), /line 2: expected "Name: value"/);
  assert.throws(() => parseHeadersFile('*.js\n  X: 1\n'), /line 1: a path must start with "\/"/);
  assert.throws(() => parseHeadersFile('/blog/:slug\n  X: 1\n'), /placeholders/);
});

test('the kit’s server sends them on pages, assets and the 404 page, on a port in its range', async (t) => {
  const site = mkdtempSync(join(tmpdir(), 'verify-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(site, '404.html'), '<!doctype html><title>missing</title>');
  writeFileSync(join(site, 'app.js'), 'export {}');
  const server = await serveSite(site, { headersFile: HEADERS_FILE });
  t.after(() => server.close());
  const port = Number(new URL(server.url).port);
  assert.ok(port >= PORT_RANGE.first && port <= PORT_RANGE.last, `port ${port}`);
  for (const [path, status] of [['/', 200], ['/app.js', 200], ['/missing', 404]] as const) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    await response.text();
    assert.equal(response.status, status, path);
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) assert.equal(response.headers.get(name), value, `${name} on ${path}`);
  }
});
