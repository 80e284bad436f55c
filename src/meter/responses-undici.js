// @ts-check
// The undici side of `keep-alive-lab watch`'s response tracker (responses.js): fetch, and undici's
// own request(), stream() and friends, seen through the `undici:*` events undici publishes on
// diagnostics_channel, synchronously from the call (so a stack taken at `undici:request:create`
// has the program's own frames). undici's body streams are its own, so nothing here wraps them:
// a body's progress is the bytes its socket reads (responses.js's sample). Its own module because
// undici shares none of node:http's internals, and its raw headers are read only here.

/**
 * @typedef {ReturnType<typeof import('./responses-ledger.js').createLedger>} Ledger
 */

// A deadline (AbortSignal.timeout() rejects with a TimeoutError) is the program's own doing too.
const ABORTED = new Set(['AbortError', 'TimeoutError', 'RequestAbortedError', 'UND_ERR_ABORTED']);

/**
 * Subscribes to undici's channels, once per tracker.
 * @param {{ ledger: Ledger, now: () => number, subscribe: (name: string, listener: (message: unknown) => void) => void }} options
 *   subscribe: diagnostics_channel's, through the tracker's guard.
 */
export function meterUndici({ ledger, now, subscribe }) {
  const { byRequest, start, finish, carried, report, reportReset } = ledger;
  // On a pooled socket: when it last went idle, the Keep-Alive hint of the response before, and
  // whether it carried a request before (undici has no "reused" flag of its own).
  const IDLE_SINCE = Symbol('keep-alive-lab idle since');
  const HINT = Symbol('keep-alive-lab hint');
  const USED = Symbol('keep-alive-lab used');

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
export function headerOf(headers, name) {
  if (!Array.isArray(headers)) return undefined;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
  }
  return undefined;
}
