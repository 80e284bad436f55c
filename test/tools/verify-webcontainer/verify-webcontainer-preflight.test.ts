// The kit's preflight: which hosts WebContainer boots from (read from the installed package),
// how it probes them, and when it refuses to go on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { decidePreflight, describeFetchError, installedWebContainerSources, preflightTargets, probe, webContainerIframeUrl } from '../../../tools/verify-webcontainer/preflight.ts';

const apiVersion = JSON.parse(readFileSync(new URL('../../../node_modules/@webcontainer/api/package.json', import.meta.url), 'utf8')).version as string;

test('the iframe address is the one @webcontainer/api builds: its origin, /headless, coep and its version', () => {
  const url = webContainerIframeUrl(installedWebContainerSources(), 'require-corp');
  assert.equal(url.origin, 'https://stackblitz.com');
  assert.equal(url.pathname, '/headless');
  assert.equal(url.searchParams.get('coep'), 'require-corp');
  assert.equal(url.searchParams.get('version'), apiVersion);
  assert.deepEqual(preflightTargets(url), ['https://stackblitz.com/', url.href]);
});

test('it follows the package: another origin there is another origin here; an unknown shape is refused', () => {
  const sources = {
    constants: "export const DEFAULT_EDITOR_ORIGIN = 'https://editor.example';",
    iframeUrl: "url.pathname = '/boot';\n url.searchParams.set('version', \"9.9.9\");",
  };
  assert.equal(webContainerIframeUrl(sources, 'credentialless').href, 'https://editor.example/boot?coep=credentialless&version=9.9.9');
  assert.throws(() => webContainerIframeUrl({ ...sources, iframeUrl: 'new URL(x)' }, 'require-corp'), /preflight\.ts/);
});

test('any HTTP answer goes on, even a refusal such as a bot check’s 403; no answer stops', () => {
  const go = decidePreflight([
    { url: 'https://stackblitz.com/', status: 200, detail: 'OK', ms: 120 },
    { url: 'https://stackblitz.com/headless', status: 403, detail: 'Forbidden', ms: 90 },
  ]);
  assert.equal(go.go, true);
  const stop = decidePreflight([
    { url: 'https://stackblitz.com/', status: 200, detail: 'OK', ms: 120 },
    { url: 'https://stackblitz.com/headless', detail: 'no answer within 10 s', ms: 10_000 },
  ]);
  assert.equal(stop.go, false);
  if (stop.go) return;
  assert.match(stop.message, /cannot reach the hosts WebContainer boots from/);
  assert.match(stop.message, /https:\/\/stackblitz\.com\/headless: no answer \(no answer within 10 s/);
  assert.match(stop.message, /nothing was built, served or run, and this proves nothing/);
  assert.match(stop.message, /npm run verify:webcontainer/);
  assert.equal(decidePreflight([]).go, false);
});

test('probe: an answer, a refused connection, and a host that never answers', async (t) => {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((request, response) => {
    if (request.url === '/silent') return; // Never answers.
    response.writeHead(204).end();
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  assert.equal((await probe(`${base}/`, 2_000)).status, 204);
  const silent = await probe(`${base}/silent`, 300);
  assert.equal(silent.status, undefined);
  assert.equal(silent.detail, 'no answer within 0.3 s');
  assert.ok(silent.ms < 2_000, `${silent.ms} ms`);
  // A port nothing listens on: the server's own port, once it is closed.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await probe(`http://127.0.0.1:${closedPort}/`, 2_000);
  assert.equal(refused.status, undefined);
  assert.match(refused.detail, /ECONNREFUSED/);
});

test('a failed DNS lookup is named as one', () => {
  const error = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND stackblitz.com' } });
  assert.equal(describeFetchError(error, 10_000), 'DNS lookup failed: getaddrinfo ENOTFOUND stackblitz.com');
});
