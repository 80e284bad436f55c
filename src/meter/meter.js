// @ts-check
// The socket meter. It is preloaded into every lesson process (`node --import meter.js server.js`
// locally, a bootstrap import inside WebContainer) and counts, from inside the process, the TCP
// connections and HTTP requests the learner's code serves or makes. The learner never edits it.
//
// Server counts rely on what any Node-compatible runtime must provide: net.Server's 'listening'
// and 'connection' events, http.Server's 'request' event and a socket's 'close' event. The meter
// subscribes to them on every server the lesson starts, by wrapping net.Server.prototype.listen.
// Client counts use node:diagnostics_channel (`net.client.socket`, `http.client.request.start`,
// `http.client.response.finish`), which Node 20 and later provide; a runtime that emulates Node
// may lack the module or never publish on those channels. Client counts are then absent (no
// module) or stay at zero. The page shows none of them; only the proxy lesson's claims read one
// (5xx responses), and that lesson declares it relies on the channel.
//
// Samples never travel on stdout or stderr, so nothing the learner prints can forge or break one:
// locally they go to file descriptor KAL_METER_FD (a pipe to the runner). In WebContainer each
// message becomes its own small file in the folder KAL_METER_DIR, which the page reads once and
// removes: appending to one file would make the page re-read it whole on every poll.
import { appendFileSync, mkdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import net from 'node:net';

const meterFd = Number(process.env.KAL_METER_FD);
const meterDir = process.env.KAL_METER_DIR;
// Under `keep-alive-lab watch` (src/watch/): one file per process in this folder, appended to.
// The variable stays in the environment so that Node processes the program starts are measured too.
const watchDir = process.env.KAL_WATCH_DIR;
// Lesson code should not see the meter's plumbing in its environment.
delete process.env.KAL_METER_FD;
delete process.env.KAL_METER_DIR;
if (meterDir) mkdirSync(meterDir, { recursive: true });
/** @type {typeof import('node:diagnostics_channel') | undefined} */
const diagnosticsChannel = await import('node:diagnostics_channel').then(
  (module) => module.default,
  () => undefined,
);

const SAMPLE_EVERY_MS = 100;
// Between changes, a heartbeat keeps the page's clock moving without flooding the channel.
const HEARTBEAT_EVERY_MS = 1000;

const counts = {
  // peak: the most connections open at once, exact, however briefly (samples could miss it).
  server: { open: 0, accepted: 0, requests: 0, peak: 0 },
  client: diagnosticsChannel ? { open: 0, opened: 0, requests: 0, errorResponses: 0 } : undefined,
};

// Connection lanes: what happened to each accepted connection and when, as [id, kind, ms]
// with ms from performance.now(). Sent with the next sample, then forgotten here.
/** @type {[number, 'open' | 'request' | 'close', number][]} */
let laneEvents = [];
let nextConnectionId = 1;
/** @type {WeakMap<object, number>} */
const connectionIds = new WeakMap();
const now = () => Math.round(performance.now() * 10) / 10;

let segments = 0;

// The most connections open at once since the last sample that was sent: charts plot it, so a
// connection that opens and closes between two samples still shows, and the chart's top is `peak`.
let intervalPeak = 0;

/** @param {object} message @returns {boolean} whether the message went out */
function send(message) {
  const line = `${JSON.stringify(message)}\n`;
  try {
    if (Number.isInteger(meterFd)) writeSync(meterFd, line);
    else if (watching) appendFileSync(watching.file, line);
    else if (meterDir) {
      // Written whole under a temporary name, then renamed: the reader never sees half a file.
      const name = `${meterDir}/${String(++segments).padStart(9, '0')}`;
      writeFileSync(`${name}.tmp`, line);
      renameSync(`${name}.tmp`, `${name}.jsonl`);
    }
    return true;
  } catch {
    // A full pipe (EAGAIN) or a closed reader: drop this sample. Samples carry totals, so the
    // next one makes up for a lost one.
    return false;
  }
}

/** @param {import('node:net').Socket} socket @param {{ open: number }} side */
function trackClose(socket, side) {
  side.open += 1;
  socket.once('close', () => {
    side.open -= 1;
  });
}

/** @param {import('node:net').Server} server */
function watchServer(server) {
  server.on('connection', (/** @type {import('node:net').Socket} */ socket) => {
    counts.server.accepted += 1;
    trackClose(socket, counts.server);
    counts.server.peak = Math.max(counts.server.peak, counts.server.open);
    intervalPeak = Math.max(intervalPeak, counts.server.open);
    // Lanes are drawn by the lab's page only; under watch they would be written and never read.
    if (watchDir) return;
    const id = nextConnectionId++;
    connectionIds.set(socket, id);
    laneEvents.push([id, 'open', now()]);
    socket.once('close', () => laneEvents.push([id, 'close', now()]));
  });
  // Only http.Server emits 'request'; on a plain net.Server this listener never runs.
  server.on('request', (/** @type {import('node:http').IncomingMessage} */ request) => {
    counts.server.requests += 1;
    if (watchDir) return;
    const id = connectionIds.get(request.socket);
    if (id !== undefined) laneEvents.push([id, 'request', now()]);
  });
  // Tell the runtime which port the server listens on, so it can hand it to the client.
  server.on('listening', () => {
    const address = server.address();
    if (address && typeof address === 'object') send({ type: 'listening', port: address.port, address: address.address });
  });
}

const watched = new WeakSet();
const listen = net.Server.prototype.listen;
/** @this {import('node:net').Server} @param {...any} args */
function listenWithMeter(...args) {
  if (!watched.has(this)) {
    watched.add(this);
    watchServer(this);
  }
  return Reflect.apply(listen, this, args);
}
net.Server.prototype.listen = /** @type {typeof listen} */ (listenWithMeter);

const client = counts.client;
if (diagnosticsChannel && client) {
  diagnosticsChannel.subscribe('net.client.socket', (message) => {
    const { socket } = /** @type {{ socket: import('node:net').Socket }} */ (message);
    client.opened += 1;
    trackClose(socket, client);
  });
  diagnosticsChannel.subscribe('http.client.request.start', () => {
    client.requests += 1;
  });
  // A 502 from a proxy in front of the server is an answer, not an error event: count it here.
  diagnosticsChannel.subscribe('http.client.response.finish', (message) => {
    const { response } = /** @type {{ response: import('node:http').IncomingMessage }} */ (message);
    if ((response.statusCode ?? 0) >= 500) client.errorResponses += 1;
  });
}

// Under watch (src/meter/watch-process.js): the client's responses, per origin and those never read
// to the end, and a final check before the process or thread is stopped.
const watching = watchDir ? await (await import('./watch-process.js')).startWatching({ dir: watchDir, diagnosticsChannel, now, send, finalCheck: (signal) => finalSample(signal) }) : undefined;
const responses = watching?.responses;
watching?.start();

let lastSent = '';
let lastSentAt = 0;

/** @param {{ final?: boolean, signal?: string }} [end] the last look, at exit or before a signal ends the process */
function sample(end = {}) {
  const watched = end.final ? responses?.atExit(Boolean(end.signal)) : responses?.sample();
  const snapshot = JSON.stringify([counts, watched?.origins]);
  const t = now();
  const quiet = laneEvents.length === 0 && !watched?.findings.length && !watched?.resets;
  if (snapshot === lastSent && quiet && t - lastSentAt < HEARTBEAT_EVERY_MS) return;
  lastSent = snapshot;
  lastSentAt = t;
  const lanes = laneEvents;
  laneEvents = [];
  // `t` lets the receiver put the lane times on its own clock. `final` tells watch this process was
  // checked at its end; one that never sends it ended unchecked (SIGKILL, a crash).
  const sent = send({
    type: 'sample',
    t,
    server: { ...counts.server, intervalPeak: Math.max(intervalPeak, counts.server.open) },
    ...(client ? { client: { ...client } } : {}),
    lanes,
    ...(watched ? { watch: watched } : {}),
    ...(end.final && watching ? { final: true, ...(end.signal ? { signal: end.signal } : {}) } : {}),
  });
  // A lost sample's interval carries over into the next one, so its top is not lost with it.
  if (sent) intervalPeak = counts.server.open;
}

/** @param {string} [signal] */
function finalSample(signal) {
  lastSent = '';
  sample({ final: true, signal });
}

// A first sample at once, so the page sees the process is up before the first tick.
sample();
// unref: the meter must never keep a lesson process alive on its own.
setInterval(sample, SAMPLE_EVERY_MS).unref();
process.once('exit', () => finalSample());
