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
  channels: { 'net.client.socket': false, 'http.client.request.start': false },
};

const diagnosticsChannel = await import('node:diagnostics_channel').then(
  (module) => module.default,
  () => undefined,
);
for (const name of /** @type {const} */ (['net.client.socket', 'http.client.request.start'])) {
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
writeFileSync(String(process.argv[2]), JSON.stringify(report));
process.exit(0);
