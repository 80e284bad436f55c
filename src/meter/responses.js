// @ts-check
// Client responses, for `keep-alive-lab watch`: which responses were never read to the end, and
// where in the program each was requested. Loaded by meter.js only under `watch`, never in a lesson
// run in the lab, so lessons measure exactly what they did before.
//
// It must not change the program it measures. It adds no 'data' or 'readable' listener (either
// would start a body flowing) and no listener at all on responses; it reads state (readableEnded,
// destroyed, readableFlowing) when it samples. Requests through node:http agents are seen by a
// call-through wrapper of Agent.prototype.addRequest, which node:http calls synchronously from the
// ClientRequest constructor, so a stack taken there has the program's own frames. undici (and so
// fetch) publishes `undici:request:*` on diagnostics_channel, synchronously from the call as well.

/**
 * @typedef {{ reason: 'closed' | 'exit' | 'idle', method: string, origin: string, path: string, heldMs: number, at?: string }} Finding
 * @typedef {{ requests: number, opened: number, open: number, busy: number }} OriginCounts
 * @typedef {{
 *   kind: 'http' | 'undici', method: string, origin: string, path: string, stack?: string,
 *   startedAt: number, respondedAt?: number, response?: any, request: any, socket?: any,
 *   done: boolean, handled: boolean, reported: boolean,
 * }} Entry
 */

import { isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ABORTED = new Set(['AbortError', 'RequestAbortedError', 'UND_ERR_ABORTED']);
/** This folder: frames in the meter's own files are never the program's call site. */
const METER_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * @param {{ diagnosticsChannel: typeof import('node:diagnostics_channel'), http: typeof import('node:http'), stacks: boolean, idleMs: number, now: () => number }} options
 */
export function trackResponses({ diagnosticsChannel, http, stacks, idleMs, now }) {
  /** @type {Set<Entry>} */
  const open = new Set();
  /** @type {WeakMap<object, Entry>} */
  const byRequest = new WeakMap();
  /** @type {Map<string, OriginCounts & { sockets: Set<any> }>} */
  const origins = new Map();
  /** @type {WeakSet<object>} */
  const countedSockets = new WeakSet();
  /** @type {Finding[]} */
  let findings = [];

  /** @param {string} origin */
  function originCounts(origin) {
    let counts = origins.get(origin);
    if (!counts) {
      counts = { requests: 0, opened: 0, open: 0, busy: 0, sockets: new Set() };
      origins.set(origin, counts);
    }
    return counts;
  }

  /** @param {Omit<Entry, 'startedAt' | 'done' | 'handled' | 'reported'>} fields */
  function start(fields) {
    /** @type {Entry} */
    const entry = { ...fields, startedAt: now(), done: false, handled: false, reported: false };
    if (stacks) entry.stack = captureStack();
    byRequest.set(fields.request, entry);
    open.add(entry);
    originCounts(entry.origin).requests += 1;
  }

  /** The socket that carries an entry's request counts as a connection to its origin. */
  function carried(/** @type {Entry} */ entry, /** @type {any} */ socket) {
    if (!socket) return;
    entry.socket = socket;
    if (countedSockets.has(socket)) return;
    countedSockets.add(socket);
    const counts = originCounts(entry.origin);
    counts.opened += 1;
    counts.sockets.add(socket);
  }

  /** @param {Entry} entry @param {Finding['reason']} reason */
  function report(entry, reason) {
    if (entry.reported || entry.handled || entry.respondedAt === undefined) return;
    entry.reported = true;
    const finding = { reason, method: entry.method, origin: entry.origin, path: entry.path, heldMs: Math.round(now() - entry.respondedAt) };
    const at = entry.stack && callSite(entry.stack);
    findings.push(at ? { ...finding, at } : finding);
  }

  // node:http, through any Agent (the global one too; `agent: false` makes a fresh Agent).
  // addRequest is not in @types/node, but every Agent has it: the ClientRequest constructor calls it.
  const agentPrototype = /** @type {any} */ (http.Agent.prototype);
  const addRequest = agentPrototype.addRequest;
  /** @this {import('node:http').Agent} @param {any} request @param {...any} rest */
  function addRequestWithMeter(request, ...rest) {
    try {
      if (!byRequest.has(request)) {
        const host = request.getHeader?.('host') ?? request.host;
        start({ kind: 'http', method: request.method, origin: `${request.protocol ?? 'http:'}//${host}`, path: request.path, request });
      }
    } catch {
      // Never let the meter break a request.
    }
    return Reflect.apply(addRequest, this, [request, ...rest]);
  }
  agentPrototype.addRequest = addRequestWithMeter;
  diagnosticsChannel.subscribe('http.client.response.finish', (message) => {
    const { request, response } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry) return;
    entry.respondedAt = now();
    entry.response = response;
    carried(entry, request.socket);
  });
  // A response the program itself destroys was dealt with on purpose (lesson 3): it is not left.
  // The socket closing under it first (agent.destroy(), the server) calls destroy too, but then the
  // socket is already destroyed.
  const destroy = http.IncomingMessage.prototype.destroy;
  /** @this {any} @param {...any} args */
  function destroyWithMeter(...args) {
    const entry = this.req && byRequest.get(this.req);
    if (entry && !this.readableEnded && this.socket && !this.socket.destroyed) entry.handled = true;
    return Reflect.apply(destroy, this, args);
  }
  // @ts-ignore Same signature, called through.
  http.IncomingMessage.prototype.destroy = destroyWithMeter;

  // undici: fetch, and undici's own request(), stream() and friends.
  diagnosticsChannel.subscribe('undici:request:create', (message) => {
    const { request } = /** @type {any} */ (message);
    start({ kind: 'undici', method: request.method ?? 'GET', origin: String(request.origin), path: request.path, request });
  });
  diagnosticsChannel.subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (entry) carried(entry, socket);
  });
  diagnosticsChannel.subscribe('undici:request:headers', (message) => {
    const entry = byRequest.get(/** @type {any} */ (message).request);
    if (entry) entry.respondedAt = now();
  });
  diagnosticsChannel.subscribe('undici:request:trailers', (message) => {
    const entry = byRequest.get(/** @type {any} */ (message).request);
    if (entry) entry.done = true;
  });
  diagnosticsChannel.subscribe('undici:request:error', (message) => {
    const { request, error } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry) return;
    // Cancelled or aborted by the program: handled. The connection failing under it: not.
    if (ABORTED.has(error?.name) || ABORTED.has(error?.code)) entry.handled = true;
    else report(entry, 'closed');
    entry.done = true;
  });

  /** node:http has no event for "read to the end" that the meter may listen to: it reads state. */
  function settle(/** @type {Entry} */ entry) {
    if (entry.kind !== 'http' || entry.done) return;
    const { response, request } = entry;
    if (!response) {
      if (request.destroyed) entry.done = true; // Failed before a response: not a body left.
    } else if (response.readableEnded) entry.done = true;
    // A body that arrived whole but was never read stays buffered after its socket closes.
    else if (response.destroyed || request.socket?.destroyed) {
      report(entry, 'closed');
      entry.done = true;
    }
  }

  /** Looks at every response still open; returns what is new since the last look. */
  function sample() {
    const t = now();
    for (const entry of open) {
      settle(entry);
      if (entry.done) {
        open.delete(entry);
        continue;
      }
      const unread = entry.kind === 'undici' || entry.response?.readableFlowing !== true;
      if (entry.respondedAt !== undefined && unread && t - entry.respondedAt > idleMs) report(entry, 'idle');
    }
    const busy = new Set();
    for (const entry of open) {
      const socket = entry.socket ?? entry.request.socket;
      if (socket) busy.add(socket);
    }
    /** @type {Record<string, OriginCounts>} */
    const byOrigin = {};
    for (const [origin, counts] of origins) {
      for (const socket of counts.sockets) if (socket.destroyed) counts.sockets.delete(socket);
      counts.open = counts.sockets.size;
      counts.busy = [...counts.sockets].filter((socket) => busy.has(socket)).length;
      byOrigin[origin] = { requests: counts.requests, opened: counts.opened, open: counts.open, busy: counts.busy };
    }
    const news = findings;
    findings = [];
    return { origins: byOrigin, findings: news };
  }

  /** At exit: every response still unread is reported, with how long it was held. */
  function atExit() {
    for (const entry of open) {
      settle(entry);
      if (!entry.done) report(entry, 'exit');
    }
    return sample();
  }

  return { sample, atExit };
}

function captureStack() {
  const holder = { stack: '' };
  const limit = Error.stackTraceLimit;
  // Enough frames to get past node:http's and undici's own, and a promise executor or two.
  Error.stackTraceLimit = 30;
  Error.captureStackTrace(holder, captureStack);
  Error.stackTraceLimit = limit;
  return holder.stack;
}

/**
 * The program's own frame where the request was made: the first frame outside Node and the
 * meter, preferring code outside node_modules (a library's frame says less than its caller's).
 * @param {string} stack
 */
export function callSite(stack) {
  const places = [];
  for (const line of stack.split('\n').slice(1)) {
    // "    at fn (LOCATION)" or "    at LOCATION", LOCATION being "file:line:column".
    const text = line.trim().replace(/^at\s+/, '');
    const location = /\(([^()]*)\)$/.exec(text)?.[1] ?? text;
    const match = /^(.*):(\d+):(\d+)$/.exec(location);
    if (!match?.[1]) continue;
    const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
    // Node's own modules (node:http, node:internal/deps/undici/...) and the meter are never the place.
    if (!isAbsolute(file) || file.startsWith(METER_DIR)) continue;
    places.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  const place = places.find((candidate) => !candidate.file.includes(`${sep}node_modules${sep}`)) ?? places[0];
  return place && `${place.file}:${place.line}:${place.column}`;
}
