// Every way the lab is served sends the same cross-origin isolation headers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ISOLATION_HEADERS } from '../../src/run/cross-origin-isolation.ts';
import { startLabServer } from '../../src/runner/lab-server.ts';

const root = new URL('../..', import.meta.url);

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

test('npm start sends them on pages, assets and errors alike, compressed where it helps', async (t) => {
  const dist = mkdtempSync(join(tmpdir(), 'lab-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dist, 'app.js'), 'export {}');
  const lab = await startLabServer({ distDir: dist, port: 0 });
  t.after(() => lab.close());
  for (const path of ['/', '/app.js', '/missing', '/api/runner']) {
    const response = await fetch(new URL(path, `http://127.0.0.1:${lab.port}`), { headers: { host: `localhost:${lab.port}` } });
    await response.text();
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) assert.equal(response.headers.get(name), value, `${name} on ${path}`);
  }
  // fetch asks for gzip and decodes it: the page arrives whole, and was sent compressed.
  const page = await fetch(`http://127.0.0.1:${lab.port}/`, { headers: { host: `localhost:${lab.port}` } });
  assert.equal(page.headers.get('content-encoding'), 'gzip');
  assert.match(await page.text(), /<title>x<\/title>/);
});

test('astro preview sends them too (astro dev shares the same server.headers setting)', async (t) => {
  // npm test builds before it runs this; without a build there is nothing to preview, and that is a failure.
  assert.ok(existsSync(new URL('dist/index.html', root)), 'dist/ holds no build: run `npm run build`, then this test again.');
  const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '../bin/astro.mjs');
  const port = await freePort();
  const preview = spawn(process.execPath, [astro, 'preview', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root.pathname,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  t.after(() => preview.kill('SIGKILL'));
  let response: Response | undefined;
  for (let attempt = 0; attempt < 100 && !response; attempt++) {
    response = await fetch(`http://127.0.0.1:${port}/lessons/the-leak/`).catch(() => undefined);
    if (!response) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(response, 'astro preview did not answer within 10 s');
  assert.equal(response.status, 200);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) assert.equal(response.headers.get(name), value, name);
});

/** A port the operating system says is free now (listen on 0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
