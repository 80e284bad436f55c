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
//
// In modules: the ledger of requests in flight and what reports say (responses-ledger.js), the
// node:http hooks (responses-http.js), the undici channels (responses-undici.js), and where in the
// program a request was made (call-site.js). This one ties them together, and samples.

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
 * @typedef {import('./call-site.js').Place} Place
 */

import { meterHttp } from './responses-http.js';
import { createLedger } from './responses-ledger.js';
import { headerOf, meterUndici } from './responses-undici.js';

// How many requests always have their stacks taken, whatever stacksPerSample says.
export { STACKS_ALWAYS } from './responses-ledger.js';

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
  const ledger = createLedger({ stacks, now, onFirstRequest, tag, stacksPerSample });
  const { open, report, placeOf } = ledger;

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

  const { settle, readsOf } = meterHttp({ http, ledger, now, subscribe });
  meterUndici({ ledger, now, subscribe });

  /** Whether a body moved since the last sample (see the head of this file for what counts). @param {Entry} entry */
  function madeProgress(entry) {
    if (entry.kind === 'http' && entry.response?.readableFlowing === true) return true;
    const mark = entry.kind === 'http' ? readsOf(entry.response) : (entry.socket?.bytesRead ?? 0);
    const moved = entry.progressMark !== undefined && mark !== entry.progressMark;
    entry.progressMark = mark;
    return moved;
  }

  /** Looks at every response still open; returns what is new since the last look. */
  function sample() {
    const t = now();
    ledger.refillStacks();
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
    return ledger.news();
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
