// @ts-check
// The socket meter. It is preloaded into every lesson process (`node --import meter.js server.js`)
// and counts, from inside the process, the TCP connections and HTTP requests the learner's code
// makes or serves. The learner never sees or edits it.
//
// Why diagnostics_channel: the `net.server.socket`, `net.client.socket` and `http.*.request.start`
// channels are public, need no monkey-patching, and exist on every Node the lab supports
// (checked on Node 20 and 22), so the same file can run unchanged in other runtimes later.
//
// Why a separate file descriptor: samples travel on fd 3 (KAL_METER_FD), never on stdout or
// stderr, so nothing the learner prints can forge a sample or break the framing of one.
import diagnosticsChannel from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';

const meterFd = Number(process.env.KAL_METER_FD);
// Lesson code should not see the meter's plumbing in its environment.
delete process.env.KAL_METER_FD;

const SAMPLE_EVERY_MS = 100;
// Between changes, a heartbeat keeps the page's clock moving without flooding the channel.
const HEARTBEAT_EVERY_MS = 1000;

const counts = {
  server: { open: 0, accepted: 0, requests: 0 },
  client: { open: 0, opened: 0, requests: 0 },
};

/** @param {object} message */
function send(message) {
  if (!Number.isInteger(meterFd)) return;
  try {
    writeSync(meterFd, `${JSON.stringify(message)}\n`);
  } catch {
    // A full pipe (EAGAIN) or a closed reader: drop this sample. Samples carry totals, so the
    // next one makes up for a lost one.
  }
}

/** @param {import('node:net').Socket} socket @param {{ open: number }} side */
function trackClose(socket, side) {
  side.open += 1;
  socket.once('close', () => {
    side.open -= 1;
  });
}

diagnosticsChannel.subscribe('net.server.socket', (message) => {
  const { socket } = /** @type {{ socket: import('node:net').Socket }} */ (message);
  counts.server.accepted += 1;
  trackClose(socket, counts.server);
});

diagnosticsChannel.subscribe('net.client.socket', (message) => {
  const { socket } = /** @type {{ socket: import('node:net').Socket }} */ (message);
  counts.client.opened += 1;
  trackClose(socket, counts.client);
});

diagnosticsChannel.subscribe('http.server.request.start', () => {
  counts.server.requests += 1;
});

diagnosticsChannel.subscribe('http.client.request.start', () => {
  counts.client.requests += 1;
});

// Tell the runner which port the server listens on, so it can hand it to the client.
diagnosticsChannel.subscribe('tracing:net.server.listen:asyncEnd', (message) => {
  const { server } = /** @type {{ server: import('node:net').Server }} */ (message);
  const address = server.address();
  if (address && typeof address === 'object') {
    send({ type: 'listening', port: address.port, address: address.address });
  }
});

let lastSent = '';
let lastSentAt = 0;

function sample() {
  const snapshot = JSON.stringify(counts);
  const now = performance.now();
  if (snapshot === lastSent && now - lastSentAt < HEARTBEAT_EVERY_MS) return;
  lastSent = snapshot;
  lastSentAt = now;
  send({ type: 'sample', server: { ...counts.server }, client: { ...counts.client } });
}

// A first sample at once, so the page sees the process is up before the first tick.
sample();
// unref: the meter must never keep a lesson process alive on its own.
setInterval(sample, SAMPLE_EVERY_MS).unref();
process.once('exit', () => {
  lastSent = '';
  sample();
});
