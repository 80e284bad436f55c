// @ts-check
// Client responses, for `keep-alive-lab watch`: which responses were never read to the end, and
// where in the program each was requested. Loaded by meter.js only under `watch`, never in a lesson
// run in the lab, so lessons measure exactly what they did before.
//
// It must not change the program it measures. It adds no 'data' or 'readable' listener (either
// would start a body flowing) and no listener at all on responses; it reads state (readableEnded,
// destroyed, readableFlowing) when it samples, and counts the program's reads of a node:http body
// through a call-through wrapper of IncomingMessage's read().
//
// "Left unread" means no progress for --idle-ms, not a body older than that: a download or an event
// stream read as it arrives is correct however long it lasts. Progress for node:http is the program
// taking bytes (a read() that returned data, or a body flowing into a 'data' listener or a pipe); for
// undici, whose body streams are its own, bytes arriving on the connection. undici stops reading a
// body nobody consumes once its buffer is full, so arrival stops then too. Requests through node:http agents are seen by a
// call-through wrapper of Agent.prototype.addRequest, which node:http calls synchronously from the
// ClientRequest constructor, so a stack taken there has the program's own frames. undici (and so
// fetch) publishes `undici:request:*` on diagnostics_channel, synchronously from the call as well.

/**
 * @typedef {{ reason: 'closed' | 'exit' | 'stopped' | 'idle', method: string, origin: string, path: string, status?: number, heldMs: number, at?: string, via?: string, library?: string, startedBy?: string, unsampled?: boolean }} Finding
 *   unsampled: its request was past the stacks watch records (see stacksPerSample): no place.
 *   at, via, library: see Place.
 * @typedef {{ kind: 'http' | 'undici', method: string, origin: string, path: string, error: string, idleMs?: number, hint?: string, at?: string, via?: string, library?: string, startedBy?: string, unsampled?: boolean }} Reset
 *   A request that failed on a reused connection: the reuse race (lesson 9). `idleMs`: how long
 *   the connection sat in the pool before this request took it; `hint`: the Keep-Alive header
 *   of the response before, if the server sent one.
 * @typedef {{ requests: number, opened: number, open: number, busy: number }} OriginCounts
 * @typedef {{ name: string, file?: string }} TestTag
 * @typedef {{
 *   kind: 'http' | 'undici', method: string, origin: string, path: string, stack?: { stack?: unknown }, place?: Place | null,
 *   startedAt: number, respondedAt?: number, status?: number, response?: any, request: any, socket?: any,
 *   done: boolean, handled: boolean, reported: boolean, reusedIdleMs?: number, reusedHint?: string,
 *   progressAt?: number, progressMark?: number, tag?: TestTag, headers?: unknown, unsampled?: boolean,
 * }} Entry
 *   progressAt: when the body last made progress, as the last sample saw it; progressMark: the
 *   count that tells progress (reads of a node:http body, bytes read by an undici socket).
 */

import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A deadline (AbortSignal.timeout() rejects with a TimeoutError) is the program's own doing too.
const ABORTED = new Set(['AbortError', 'TimeoutError', 'RequestAbortedError', 'UND_ERR_ABORTED']);
/**
 * The errors of a connection that closed under a request: what the reuse race gives. Any other
 * failure on a reused connection (the program's own `req.destroy(new Error(…))`, a parse error) is
 * not the race, and is not reported as one.
 */
const CONNECTION_CLOSED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** The first requests of a process always have their stacks taken (see stacksPerSample). */
export const STACKS_ALWAYS = 1000;
/** This folder: frames in the meter's own files are never the program's call site. */
const METER_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * @param {{
 *   diagnosticsChannel: typeof import('node:diagnostics_channel'), http: typeof import('node:http'), stacks: boolean, idleMs: number, now: () => number,
 *   onFirstRequest?: () => void, tag?: () => TestTag | undefined, stacksPerSample?: number,
 * }} options
 *   onFirstRequest: called as the process's first request starts, before any sample can show it.
 *   tag: in per-test mode (src/per-test/), the test running now; each request keeps it, and its
 *   place includes the test's own frame (a frame in the test's file).
 *   stacksPerSample: past the process's first STACKS_ALWAYS requests, capture the stacks of at most
 *   this many between two samples (the rest get `unsampled`); unset, every request's.
 */
export function trackResponses({ diagnosticsChannel, http, stacks, idleMs, now, onFirstRequest, tag, stacksPerSample }) {
  // A stack is most of what watch costs a busy client (README, "What it costs"). A leak is a code
  // path taken again and again, so a place seen once in a sample of its requests is found; and a
  // process that makes fewer than STACKS_ALWAYS requests, or fewer than stacksPerSample ten times a
  // second, has every request placed.
  let stacksLeft = Number.POSITIVE_INFINITY;
  let requestsSeen = 0;
  let requested = false;
  /** @type {Set<Entry>} */
  const open = new Set();
  // Each request carries its entry under a symbol of its own, not enumerable: invisible to
  // Object.keys, JSON and Object.assign. Not a WeakMap: with 16,000 short-lived keys a second it
  // cost the client a third to a half of its requests per second, in GC (measured; see README).
  const ENTRY = Symbol('keep-alive-lab watch');
  const byRequest = {
    /** @param {any} request @returns {Entry | undefined} */
    get: (request) => request?.[ENTRY],
    /** @param {any} request */
    has: (request) => request?.[ENTRY] !== undefined,
    /** @param {object} request @param {Entry} entry */
    set: (request, entry) => Object.defineProperty(request, ENTRY, { value: entry, configurable: true }),
  };
  /** @type {Map<string, OriginCounts & { sockets: Set<any> }>} */
  const origins = new Map();
  /** @type {WeakSet<object>} */
  const countedSockets = new WeakSet();
  /** @type {Finding[]} */
  let findings = [];
  /** @type {Reset[]} */
  let resets = [];
  // On a pooled socket: when it last went idle, and the Keep-Alive hint of the response before.
  const IDLE_SINCE = Symbol('keep-alive-lab idle since');
  const HINT = Symbol('keep-alive-lab hint');
  const USED = Symbol('keep-alive-lab used');
  // On a node:http response: how many times the program's read() returned data.
  const READS = Symbol('keep-alive-lab reads');

  /**
   * A diagnostics_channel subscriber that throws would crash the program (Node rethrows it on the
   * next tick), so every one of the meter's swallows its own errors.
   * @param {string} name @param {(message: unknown) => void} listener
   */
  function subscribe(name, listener) {
    diagnosticsChannel.subscribe(name, (message) => {
      try {
        listener(message);
      } catch {
        // The meter misses one request rather than break the program.
      }
    });
  }

  /** @param {string} origin */
  function originCounts(origin) {
    let counts = origins.get(origin);
    if (!counts) {
      counts = { requests: 0, opened: 0, open: 0, busy: 0, sockets: new Set() };
      origins.set(origin, counts);
    }
    return counts;
  }

  /**
   * Every request passes here, so it allocates one object and nothing else. (Holding finished
   * requests until the next sample made them outlive the young generation: a third fewer
   * requests per second from GC alone, measured. So an entry leaves `open` as soon as it is done.)
   * @param {Entry['kind']} kind @param {string} method @param {string} origin @param {string} path @param {object} request
   */
  function start(kind, method, origin, path, request) {
    /** @type {Entry} */
    const entry = { kind, method, origin, path, request, startedAt: now(), done: false, handled: false, reported: false };
    if (tag) entry.tag = tag();
    // node:http reaches addRequest in 4 frames and fetch undici's channel in over 20; a library in
    // between (axios and follow-redirects, ky) adds its own, and the program's frame is below them.
    if (stacks) {
      if (++requestsSeen <= STACKS_ALWAYS || stacksPerSample === undefined || stacksLeft-- > 0) entry.stack = captureStack(kind === 'http' ? 30 : 50);
      else entry.unsampled = true;
    }
    byRequest.set(request, entry);
    open.add(entry);
    if (!requested) {
      requested = true;
      onFirstRequest?.();
    }
    originCounts(origin).requests += 1;
  }

  /** @param {Entry} entry */
  function finish(entry) {
    entry.done = true;
    // Its frames may hold the program's objects: let them go with the response.
    entry.stack = undefined;
    open.delete(entry);
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

  /**
   * @param {Entry} entry @param {Finding['reason']} reason
   * @param {number} [since] the moment heldMs counts from: the response's headers unless given
   */
  function report(entry, reason, since = entry.respondedAt) {
    if (entry.reported || entry.handled || entry.respondedAt === undefined || since === undefined) return;
    entry.reported = true;
    /** @type {Finding} */
    const finding = { reason, method: entry.method, origin: entry.origin, path: entry.path, heldMs: Math.round(now() - since) };
    if (entry.status !== undefined) finding.status = entry.status;
    if (entry.unsampled) finding.unsampled = true;
    findings.push({ ...finding, ...placeOf(entry) });
  }

  /**
   * Where a request was made, worked out from its stack the first time a report needs it. A
   * request a library made with no frame of the program's on the stack (ky 1's retry, from its own
   * timer) gets `startedBy`: the program's frame of the latest earlier request to the same URL
   * through the same library that is still open, which most likely started it.
   * @param {Entry} entry @returns {Place | null | undefined}
   */
  function resolvePlace(entry) {
    const place = ownPlace(entry);
    if (!place || place.at || !place.via || place.startedBy) return place;
    /** @type {Entry | undefined} */
    let caller;
    for (const other of open) {
      if (other === entry || other.startedAt > entry.startedAt || other.method !== entry.method || other.origin !== entry.origin || other.path !== entry.path) continue;
      if (other.kind !== entry.kind || (caller && caller.startedAt > other.startedAt)) continue;
      const its = ownPlace(other);
      if (its?.at && its.via === place.via) caller = other;
    }
    if (caller?.place?.at) place.startedBy = caller.place.at;
    return place;
  }

  /** The place its own stack names, described once. @param {Entry} entry */
  function ownPlace(entry) {
    if (entry.place === undefined && entry.stack) {
      entry.place = placeFromStack(entry.stack, entry.tag?.file);
      entry.stack = undefined;
    }
    return entry.place;
  }

  /** Where a request was made, for a report, in the source as written. @param {Entry} entry */
  function placeOf(entry) {
    const place = resolvePlace(entry);
    if (!place) return {};
    return {
      ...(place.at ? { at: place.at } : {}),
      ...(place.via ? { via: place.via } : {}),
      ...(place.library ? { library: place.library } : {}),
      ...(place.startedBy ? { startedBy: place.startedBy } : {}),
      ...(place.testAt ? { testAt: place.testAt } : {}),
    };
  }

  /**
   * A request that failed on a connection it took from the pool. Failures on a new connection
   * (refused, DNS, TLS) are not the race, and not reported here.
   * @param {Entry} entry @param {any} error @param {number | undefined} idleMs @param {string | undefined} hint
   */
  function reportReset(entry, error, idleMs, hint) {
    if (!CONNECTION_CLOSED.has(error?.code)) return;
    const code = error?.code ? `${error.code} ` : '';
    /** @type {Reset} */
    const reset = { kind: entry.kind, method: entry.method, origin: entry.origin, path: entry.path, error: `${code}${error?.message ?? String(error)}` };
    if (idleMs !== undefined) reset.idleMs = Math.round(idleMs);
    if (hint) reset.hint = hint;
    Object.assign(reset, placeOf(entry));
    if (entry.unsampled) reset.unsampled = true;
    resets.push(reset);
  }

  // node:http, through any Agent (the global one too; `agent: false` makes a fresh Agent).
  // addRequest is not in @types/node, but every Agent has it: the ClientRequest constructor calls it.
  const agentPrototype = /** @type {any} */ (http.Agent.prototype);
  const addRequest = agentPrototype.addRequest;
  /** @this {import('node:http').Agent} @param {any} request */
  function addRequestWithMeter(request) {
    try {
      if (!byRequest.has(request)) {
        const host = request.getHeader?.('host') ?? request.host;
        start('http', request.method, `${request.protocol ?? 'http:'}//${host}`, request.path, request);
      }
      meterOverriddenKeepSocketAlive(this);
    } catch {
      // Never let the meter break a request.
    }
    // `arguments`, not a rest array: nothing allocated on the way through.
    return Reflect.apply(addRequest, this, arguments);
  }
  agentPrototype.addRequest = addRequestWithMeter;
  // The agent calls keepSocketAlive when a response is done and the socket may go back to the
  // pool: the moment it starts to sit idle. The response is still on the socket then.
  /** @type {WeakSet<Function>} */
  const withMeter = new WeakSet();
  /** @param {Function} keepSocketAlive */
  function keepSocketAliveWithMeter(keepSocketAlive) {
    /** @this {import('node:http').Agent} @param {any} socket */
    function keepSocketAliveAndMeter(socket) {
      const kept = Reflect.apply(keepSocketAlive, this, arguments);
      try {
        if (kept) {
          socket[IDLE_SINCE] = now();
          socket[HINT] = socket._httpMessage?.res?.headers?.['keep-alive'];
        }
      } catch {
        // Never let the meter break the pool.
      }
      return kept;
    }
    withMeter.add(keepSocketAliveAndMeter);
    return keepSocketAliveAndMeter;
  }
  agentPrototype.keepSocketAlive = keepSocketAliveWithMeter(agentPrototype.keepSocketAlive);
  /**
   * An Agent subclass may override keepSocketAlive (Node documents that it can) without calling
   * the one above: a proxy's pool, for one. Wrap the override where it is defined, the first time
   * one of its agents sends a request, so a reset there still says how long the socket sat idle.
   * @param {any} agent
   */
  function meterOverriddenKeepSocketAlive(agent) {
    const current = agent?.keepSocketAlive;
    if (typeof current !== 'function' || withMeter.has(current)) return;
    let owner = agent;
    while (owner && !Object.hasOwn(owner, 'keepSocketAlive')) owner = Object.getPrototypeOf(owner);
    if (owner) owner.keepSocketAlive = keepSocketAliveWithMeter(current);
  }
  subscribe('http.client.request.error', (message) => {
    const { request, error } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry || !request.reusedSocket) return;
    const socket = request.socket;
    const idleSince = socket?.[IDLE_SINCE];
    reportReset(entry, error, idleSince === undefined ? undefined : entry.startedAt - idleSince, socket?.[HINT]);
  });
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry) return;
    entry.respondedAt = now();
    entry.status = response?.statusCode;
    entry.response = response;
    carried(entry, request.socket);
  });
  // A response the program itself destroys was dealt with on purpose (lesson 3): it is not left.
  // The socket closing under it first (agent.destroy(), the server) calls destroy too, but then the
  // socket is already destroyed.
  const destroy = http.IncomingMessage.prototype.destroy;
  // Every response read to the end passes here too (autoDestroy): that is when its entry is done.
  /** @this {any} */
  function destroyWithMeter() {
    try {
      const entry = this.req && byRequest.get(this.req);
      if (entry && !entry.done) {
        if (this.readableEnded) finish(entry);
        else if (this.socket && !this.socket.destroyed) {
          entry.handled = true;
          finish(entry);
        }
      }
    } catch {
      // Never let the meter break a destroy.
    }
    return Reflect.apply(destroy, this, arguments);
  }
  // @ts-ignore Same signature, called through.
  http.IncomingMessage.prototype.destroy = destroyWithMeter;
  // Every way of reading a body but one calls read(): `for await`, 'readable' handlers, a pipe or a
  // 'data' listener resuming after a pause. The one that does not (a flowing body handed to 'data'
  // as it arrives) is flowing, which the sample sees. read(0), which streams call on their own,
  // returns null, so only bytes the program took count.
  const read = http.IncomingMessage.prototype.read;
  /** @this {any} */
  function readWithMeter() {
    const chunk = Reflect.apply(read, this, arguments);
    if (chunk !== null) this[READS] = (this[READS] ?? 0) + 1;
    return chunk;
  }
  http.IncomingMessage.prototype.read = readWithMeter;

  // undici: fetch, and undici's own request(), stream() and friends.
  subscribe('undici:request:create', (message) => {
    const { request } = /** @type {any} */ (message);
    start('undici', request.method ?? 'GET', String(request.origin), request.path, request);
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry) return;
    carried(entry, socket);
    if (socket?.[USED] && socket[IDLE_SINCE] !== undefined) {
      entry.reusedIdleMs = now() - socket[IDLE_SINCE];
      entry.reusedHint = socket[HINT];
    }
    if (socket) socket[USED] = true;
  });
  subscribe('undici:request:headers', (message) => {
    const { request, response } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry) return;
    entry.respondedAt = now();
    entry.status = response?.statusCode;
    entry.headers = response?.headers;
    if (entry.socket) entry.socket[HINT] = keepAliveHeader(response?.headers);
  });
  subscribe('undici:request:trailers', (message) => {
    const entry = byRequest.get(/** @type {any} */ (message).request);
    if (!entry) return;
    if (entry.socket) entry.socket[IDLE_SINCE] = now();
    finish(entry);
  });
  subscribe('undici:request:error', (message) => {
    const { request, error } = /** @type {any} */ (message);
    const entry = byRequest.get(request);
    if (!entry) return;
    // Cancelled or aborted by the program: handled. The connection failing under it: not.
    if (ABORTED.has(error?.name) || ABORTED.has(error?.code)) entry.handled = true;
    else report(entry, 'closed');
    if (entry.reusedIdleMs !== undefined && entry.respondedAt === undefined) reportReset(entry, error, entry.reusedIdleMs, entry.reusedHint);
    finish(entry);
  });

  /** node:http has no event for "read to the end" that the meter may listen to: it reads state. */
  function settle(/** @type {Entry} */ entry) {
    if (entry.kind !== 'http' || entry.done) return;
    const { response, request } = entry;
    if (!response) {
      if (request.destroyed) finish(entry); // Failed before a response: not a body left.
    } else if (response.readableEnded) finish(entry);
    // A body that arrived whole but was never read stays buffered after its socket closes.
    else if (response.destroyed || request.socket?.destroyed) {
      report(entry, 'closed');
      finish(entry);
    }
  }

  /** Whether a body moved since the last sample (see the head of this file for what counts). @param {Entry} entry */
  function madeProgress(entry) {
    if (entry.kind === 'http' && entry.response?.readableFlowing === true) return true;
    const mark = entry.kind === 'http' ? (entry.response?.[READS] ?? 0) : (entry.socket?.bytesRead ?? 0);
    const moved = entry.progressMark !== undefined && mark !== entry.progressMark;
    entry.progressMark = mark;
    return moved;
  }

  /** Looks at every response still open; returns what is new since the last look. */
  function sample() {
    const t = now();
    if (stacksPerSample !== undefined) stacksLeft = stacksPerSample;
    for (const entry of open) {
      settle(entry);
      if (entry.done) {
        open.delete(entry);
        continue;
      }
      if (entry.respondedAt === undefined || entry.reported) continue;
      if (madeProgress(entry)) entry.progressAt = t;
      const since = entry.progressAt ?? entry.respondedAt;
      if (t - since > idleMs) report(entry, 'idle', since);
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
    const newResets = resets;
    resets = [];
    return { origins: byOrigin, findings: news, ...(newResets.length > 0 ? { resets: newResets } : {}) };
  }

  /**
   * At exit, or before a signal or terminate() stops the process (`stopped`): every response still
   * unread is reported, with how long it was held.
   * @param {boolean} [stopped]
   */
  function atExit(stopped = false) {
    for (const entry of open) {
      settle(entry);
      if (!entry.done) report(entry, stopped ? 'stopped' : 'exit');
    }
    return sample();
  }

  /**
   * Per-test mode: the responses requested while `tagged` ran that are still unfinished now, each
   * reported once. Also forgets requests that failed, which no sample loop prunes in this mode.
   * @param {TestTag} tagged
   */
  function unfinishedOf(tagged) {
    /** @type {(Finding & { size?: number, testAt?: string })[]} */
    const found = [];
    for (const entry of open) {
      settle(entry);
      if (entry.done) {
        open.delete(entry);
        continue;
      }
      if (entry.tag !== tagged || entry.reported || entry.handled || entry.respondedAt === undefined) continue;
      entry.reported = true;
      const size = Number(entry.kind === 'http' ? entry.response?.headers?.['content-length'] : headerOf(entry.headers, 'content-length'));
      found.push({
        reason: 'exit',
        method: entry.method,
        origin: entry.origin,
        path: entry.path,
        heldMs: Math.round(now() - entry.respondedAt),
        ...(entry.status === undefined ? {} : { status: entry.status }),
        ...(Number.isFinite(size) ? { size } : {}),
        ...placeOf(entry),
      });
    }
    return found;
  }

  return { sample, atExit, unfinishedOf };
}

/**
 * The Keep-Alive header among undici's raw response headers ([name, value, name, value…] as
 * Buffers or strings), e.g. "timeout=5".
 * @param {unknown} headers @returns {string | undefined}
 */
function keepAliveHeader(headers) {
  return headerOf(headers, 'keep-alive');
}

/** One header among undici's raw headers. @param {unknown} headers @param {string} name @returns {string | undefined} */
function headerOf(headers, name) {
  if (!Array.isArray(headers)) return undefined;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
  }
  return undefined;
}

/**
 * @typedef {{ at?: string, via?: string, library?: string, startedBy?: string, testAt?: string }} Place
 *   at: the program's own frame, "file:line:column"; via: the libraries between it and the request,
 *   the one the program called first ("axios via follow-redirects"); library: the innermost library
 *   frame. With no frame of the program's on the stack (a library that starts the request on a
 *   later tick), only via and library, and startedBy: the program's frame of its last request to
 *   the same URL through the same library, which most likely started this one (a retry).
 */

/**
 * A request's stack, captured as V8 keeps it: raw frames, not yet described. Reading `.stack`
 * later describes them through whatever Error.prepareStackTrace is set then, which
 * placeFromStack makes the meter's own: so the work of naming files and lines is done only for
 * the few requests a report needs, never per request. The frames are let go when the response
 * ends (finish()).
 * @param {number} frames @returns {{ stack?: unknown }}
 */
function captureStack(frames) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  try {
    Error.captureStackTrace(holder, captureStack);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return holder;
}

/**
 * The place a captured stack names, described through the meter's pickCallSite (V8's async frames
 * count: `await axios.get()` in the program shows as "at async client.js:4:25" below the library's
 * own frames). Error.prepareStackTrace is swapped for this read only, and put back at once.
 * @param {{ stack?: unknown }} holder @param {string} [testFile] @returns {Place | null}
 */
function placeFromStack(holder, testFile = undefined) {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = pickCallSite;
  wantedTestFile = testFile;
  programPrepare = prepare;
  try {
    const place = holder.stack;
    return place && typeof place === 'object' ? /** @type {Place} */ (place) : null;
  } catch {
    return null;
  } finally {
    Error.prepareStackTrace = prepare;
    wantedTestFile = undefined;
    programPrepare = undefined;
  }
}

/**
 * The program's own Error.prepareStackTrace, if it has one: vitest's and Jest's map positions in
 * the code they transformed back to the source (without it, vitest's lines were off), as
 * source-map-support does. The meter asks it for the frames it keeps, and nothing else.
 * @type {((error: Error, sites: NodeJS.CallSite[]) => unknown) | undefined}
 */
let programPrepare;

/**
 * A frame as "file:line:column" in the source as written: through the program's own formatter if
 * it has one (Node's default, ErrorPrepareStackTrace, is not one), else through Node's source map.
 * @param {NodeJS.CallSite} site @param {string} file @returns {string}
 */
function placeOfSite(site, file) {
  if (programPrepare && programPrepare.name !== 'ErrorPrepareStackTrace') {
    try {
      const text = String(programPrepare(new Error(), [site]));
      const last = text.slice(text.lastIndexOf('\n') + 1);
      const match = /(?:\(|at )([^()]+):(\d+):(\d+)\)?\s*$/.exec(last);
      if (match) {
        const mapped = match[1]?.startsWith('file://') ? fileURLToPath(match[1]) : match[1];
        if (mapped && isAbsolute(mapped)) return `${mapped}:${match[2]}:${match[3]}`;
      }
    } catch {
      // Its formatter failed: the position as V8 has it.
    }
  }
  return originalPlace(`${file}:${site.getLineNumber()}:${site.getColumnNumber()}`) ?? file;
}

/** Per-test mode: the running test's file, whose first frame on the stack is the test's own line. @type {string | undefined} */
let wantedTestFile;

const NODE_MODULES = `${sep}node_modules${sep}`;

/** "axios", "@scope/name": the package a file in node_modules belongs to. @param {string} file */
function packageOf(file) {
  const at = file.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  const [first = '', second = ''] = file.slice(at + NODE_MODULES.length).split(sep);
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * The program's own frame (the first outside Node, the meter and node_modules) and the libraries
 * the request went through on its way from there.
 * @param {unknown} _error @param {NodeJS.CallSite[]} sites @returns {Place | undefined}
 */
function pickCallSite(_error, sites) {
  /** @type {string | undefined} */
  let library;
  /** @type {string[]} innermost first */
  const packages = [];
  /** @type {Place | undefined} */
  let found;
  for (const site of sites) {
    const name = site.getFileName();
    if (!name || name.startsWith('node:')) continue;
    const file = name.startsWith('file://') ? fileURLToPath(name) : name;
    if (!isAbsolute(file) || file.startsWith(METER_DIR)) continue;
    if (found) {
      // Per-test mode: past the program's frame, down to the test's own (a helper's caller).
      if (file !== wantedTestFile) continue;
      found.testAt = placeOfSite(site, file);
      return found;
    }
    const owner = packageOf(file);
    if (!owner) {
      const place = placeOfSite(site, file);
      found = library ? { at: place, via: viaOf(packages), library } : { at: place };
      if (wantedTestFile === undefined) return found;
      if (file === wantedTestFile) {
        found.testAt = place;
        return found;
      }
      continue;
    }
    library ??= placeOfSite(site, file);
    if (!packages.includes(owner)) packages.push(owner);
  }
  if (found) return found;
  return library ? { via: viaOf(packages), library } : undefined;
}

/** "axios via follow-redirects": the package the program called, then those it called. @param {string[]} innermostFirst */
function viaOf(innermostFirst) {
  return [...innermostFirst].reverse().join(' via ');
}

/**
 * A "file:line:column" in code a transpiler wrote (tsx, ts-node, a bundle), as it is in the source
 * the program's author wrote, where Node has that file's source map (tsx turns them on; so does
 * --enable-source-maps). Done only for the requests a report names, never per request.
 * @param {string | undefined} at @returns {string | undefined}
 */
export function originalPlace(at) {
  const match = at === undefined ? null : /^(.*):(\d+):(\d+)$/.exec(at);
  if (!match) return at;
  const [, file = '', line, column] = match;
  try {
    const map = findSourceMap(file) ?? findSourceMap(pathToFileURL(file).href);
    const entry = /** @type {{ originalSource?: string, originalLine?: number, originalColumn?: number }} */ (map?.findEntry(Number(line) - 1, Number(column) - 1) ?? {});
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return at;
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : isAbsolute(entry.originalSource) ? entry.originalSource : resolve(dirname(file), entry.originalSource);
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  } catch {
    return at;
  }
}
