// @ts-check
// The ledger of `keep-alive-lab watch`'s response tracker (responses.js): one entry per request
// still open, the counts of connections per origin, and the findings and resets reported since the
// last sample. The node:http and undici hooks (responses-http.js, responses-undici.js) write to it
// as requests start, are carried, answer and fail; the tracker's sample reads it. Its own module
// so that the two clients' hooks share one record and one way of reporting, and so that what a
// report says (its place, its fields) is decided in one spot.

import { captureStack, placeFromStack } from './call-site.js';

/**
 * @typedef {import('./responses.js').Entry} Entry
 * @typedef {import('./responses.js').Finding} Finding
 * @typedef {import('./responses.js').Reset} Reset
 * @typedef {import('./responses.js').OriginCounts} OriginCounts
 * @typedef {import('./responses.js').TestTag} TestTag
 * @typedef {import('./call-site.js').Place} Place
 */

/**
 * The errors of a connection that closed under a request: what the reuse race gives. Any other
 * failure on a reused connection (the program's own `req.destroy(new Error(…))`, a parse error) is
 * not the race, and is not reported as one.
 */
const CONNECTION_CLOSED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** The first requests of a process always have their stacks taken (see stacksPerSample). */
export const STACKS_ALWAYS = 1000;

/**
 * @param {{ stacks: boolean, now: () => number, onFirstRequest?: () => void, tag?: () => TestTag | undefined, stacksPerSample?: number }} options
 *   as trackResponses's (responses.js).
 */
export function createLedger({ stacks, now, onFirstRequest, tag, stacksPerSample }) {
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

  /** A sample begins: a new budget of stacks until the next one. */
  function refillStacks() {
    if (stacksPerSample !== undefined) stacksLeft = stacksPerSample;
  }

  /**
   * What a sample returns, once it has settled and reported the open entries: each origin's
   * connections (open, and busy carrying an open entry) and the findings and resets since the last.
   */
  function news() {
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
    const newFindings = findings;
    findings = [];
    const newResets = resets;
    resets = [];
    return { origins: byOrigin, findings: newFindings, ...(newResets.length > 0 ? { resets: newResets } : {}) };
  }

  return { open, byRequest, start, finish, carried, report, reportReset, placeOf, refillStacks, news };
}
