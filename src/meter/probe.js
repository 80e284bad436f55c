// @ts-check
// Asks the Node that runs lesson code what it is and what it provides, by trying it: WebContainer
// emulates Node's network stack, and the features some lessons rely on (see
// src/schemas/node-features.ts) may be named differently there, or missing. One loopback request
// answers every question. Usage: node probe.js <report file>; the report is JSON.
import { writeFileSync } from 'node:fs';
import http from 'node:http';

const report = {
  node: process.versions.node,
  /** listen(0) gave a real port (lessons in WebContainer get a fixed port either way). */
  listenOnZero: false,
  /** Names from process.getActiveResourcesInfo() while a request is being served. */
  activeResources: /** @type {string[]} */ ([]),
  channels: { 'net.client.socket': false, 'http.client.request.start': false, 'http.client.response.finish': false },
  /** A request on a pooled connection its server closed while the client was busy failed with ECONNRESET. */
  staleConnectionReset: false,
};

const diagnosticsChannel = await import('node:diagnostics_channel').then(
  (module) => module.default,
  () => undefined,
);
for (const name of /** @type {const} */ (['net.client.socket', 'http.client.request.start', 'http.client.response.finish'])) {
  diagnosticsChannel?.subscribe(name, () => {
    report.channels[name] = true;
  });
}

const server = http.createServer((request, response) => {
  if (typeof process.getActiveResourcesInfo === 'function') report.activeResources = process.getActiveResourcesInfo();
  response.end('ok');
});
/** @param {number} port @returns {Promise<number>} */
const listen = (port) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(address && typeof address === 'object' ? address.port : 0);
    });
  });
let port = await listen(0);
report.listenOnZero = port > 0;
if (!report.listenOnZero) {
  server.close();
  port = await listen(3999);
}
await new Promise((resolve) => {
  http
    .get({ host: '127.0.0.1', port, agent: false }, (response) => {
      response.resume();
      response.on('end', resolve);
    })
    .on('error', resolve);
});
server.close();
report.staleConnectionReset = await staleConnectionReset(report.listenOnZero ? 0 : 3998).catch(() => false);
writeFileSync(String(process.argv[2]), JSON.stringify(report));
process.exit(0);

/**
 * The reuse race of lesson 9, made certain: the server closes an idle connection after 50 ms
 * while the client is busy for 300 ms, then the client sends its next request on that
 * connection. Over real TCP the request is reset (ECONNRESET); an emulated network may behave
 * otherwise. About 0.4 s.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
async function staleConnectionReset(port) {
  const closing = http.createServer((request, response) => {
    // Set by hand, Connection: keep-alive makes Node leave out its Keep-Alive: timeout hint,
    // which at 50 ms would tell the agent not to keep the connection at all.
    response.setHeader('connection', 'keep-alive');
    response.end('ok');
  });
  closing.keepAliveTimeout = 50;
  /** @type {any} */ (closing).keepAliveTimeoutBuffer = 0;
  // A port already taken must not crash the check: the caller then reports the feature missing.
  await new Promise((resolve, reject) => {
    closing.once('error', reject);
    closing.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = closing.address();
  const agent = new http.Agent({ keepAlive: true });
  /** @returns {Promise<string>} */
  const get = () =>
    new Promise((resolve) => {
      const request = http.get({ host: '127.0.0.1', port: address && typeof address === 'object' ? address.port : 0, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve('ok'));
      });
      request.on('error', (/** @type {NodeJS.ErrnoException} */ error) => resolve(request.reusedSocket ? String(error.code) : 'new'));
      request.setTimeout(2000, () => request.destroy());
    });
  try {
    await get();
    const end = Date.now() + 300;
    while (Date.now() < end); // Busy across the server's close, as lesson 9's client is.
    return (await get()) === 'ECONNRESET';
  } finally {
    agent.destroy();
    closing.close();
  }
}
