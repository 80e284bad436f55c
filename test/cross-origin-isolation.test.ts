// Every way the lab is served sends the same cross-origin isolation headers.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ISOLATION_HEADERS } from '../src/runtime/cross-origin-isolation.ts';
import { startLabServer } from '../src/runner/lab-server.ts';

const root = new URL('..', import.meta.url);

test('public/_headers (Netlify, Cloudflare Pages) isolates every path', () => {
  const text = readFileSync(new URL('public/_headers', root), 'utf8');
  const block = /^\/\*\n((?:[ \t]+.+\n?)+)/m.exec(text)?.[1] ?? '';
  const headers = Object.fromEntries(block.trim().split('\n').map((line) => line.trim().split(/:\s*/, 2)));
  assert.deepEqual(headers, ISOLATION_HEADERS);
});

test('vercel.json isolates every path', () => {
  const config = JSON.parse(readFileSync(new URL('vercel.json', root), 'utf8'));
  const all = config.headers.find((rule: { source: string }) => rule.source === '/(.*)');
  assert.deepEqual(Object.fromEntries(all.headers.map((header: { key: string; value: string }) => [header.key, header.value])), ISOLATION_HEADERS);
});

test('npm start sends them on pages, assets and errors alike', async (t) => {
  const dist = mkdtempSync(join(tmpdir(), 'lab-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dist, 'app.js'), 'export {}');
  const lab = await startLabServer({ distDir: dist, port: 0 });
  t.after(() => lab.close());
  for (const path of ['/', '/app.js', '/missing', '/api/runner']) {
    const response = await fetch(new URL(path, `http://127.0.0.1:${lab.port}`), { headers: { host: `localhost:${lab.port}` } });
    await response.arrayBuffer();
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) assert.equal(response.headers.get(name), value, `${name} on ${path}`);
  }
});
