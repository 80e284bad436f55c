// Cross-origin isolation for static hosts that cannot send headers (GitHub Pages): WebContainer
// needs SharedArrayBuffer, which browsers give only to pages served with COOP and COEP. This
// worker adds the two headers to every same-origin response, so once it controls a page, the
// page is isolated. It caches nothing: every request still goes to the network (and the browser's
// HTTP cache), so it can never serve an old lab after a deploy. Registered from BaseLayout.astro
// only when a page arrives without isolation; with the headers from the host it is never installed.
// The values match src/run/cross-origin-isolation.ts; test/site/isolation-worker.test.ts keeps them so.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Cross-origin requests and anything but GET go to the network untouched.
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Chrome's DevTools asks with this mode, which fetch() refuses outside same-origin.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(fetch(request).then(withIsolation));
});

/** The same response with the isolation headers. Redirects (status 0) pass as they are. */
function withIsolation(response) {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
