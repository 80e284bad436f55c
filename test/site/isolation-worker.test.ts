// The isolation worker (public/isolation-sw.js), run in a stand-in for a service worker's scope
// against a real local server: same-origin GET responses come back with the very headers the lab
// server sends (src/run/cross-origin-isolation.ts), nothing is cached, and everything else is left
// to the network.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { ISOLATION_HEADERS } from '../../src/run/cross-origin-isolation.ts';

const WORKER = readFileSync(new URL('../../public/isolation-sw.js', import.meta.url), 'utf8');

interface FetchEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

/** Loads the worker for `origin`; returns what its fetch handler answers (undefined: the network's). */
function loadWorker(origin: string) {
  const listeners = new Map<string, (event: FetchEventLike) => void>();
  runInNewContext(WORKER, {
    self: { location: new URL(`${origin}/isolation-sw.js`), addEventListener: (type: string, listener: (event: FetchEventLike) => void) => listeners.set(type, listener), skipWaiting() {}, clients: { claim: async () => {} } },
    fetch,
    Headers,
    Response,
    URL,
    Object,
  });
  return (request: Request): Promise<Response> | undefined => {
    let answer: Promise<Response> | undefined;
    listeners.get('fetch')?.({ request, respondWith: (response) => (answer = response) });
    return answer;
  };
}

test('same-origin GETs come back with the lab’s isolation headers, fresh from the server each time', async () => {
  let served = 0;
  const server = createServer((request, response) => {
    served += 1;
    response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache', 'x-served': String(served) }).end(`<h1>page ${served}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const handle = loadWorker(origin);
    for (const expected of [1, 2]) {
      const response = await handle(new Request(`${origin}/keep-alive-lab/lessons/the-leak/`));
      assert.ok(response, 'the worker answers same-origin GETs');
      for (const [name, value] of Object.entries(ISOLATION_HEADERS)) assert.equal(response.headers.get(name), value, name);
      assert.equal(response.headers.get('content-type'), 'text/html', 'the server’s own headers stay');
      assert.equal(await response.text(), `<h1>page ${expected}</h1>`, 'every request reaches the server: nothing is cached');
    }
    assert.equal(handle(new Request(`${origin}/api/runner`, { method: 'POST', body: '{}' })), undefined, 'POST goes to the network untouched');
    assert.equal(handle(new Request('https://stackblitz.com/headless')), undefined, 'cross-origin goes to the network untouched');
  } finally {
    server.close();
  }
});
