// @ts-check
// The node:http side of `keep-alive-lab watch`'s response tracker (responses.js): call-through
// wrappers of Agent.prototype.addRequest (a request starts; node:http calls it synchronously from
// the ClientRequest constructor, so a stack taken there has the program's own frames) and
// keepSocketAlive (a pooled socket starts to sit idle), and of IncomingMessage's destroy() (a body
// dealt with) and read() (a body read), plus node:http's diagnostics_channel events. node:http
// has no event for "read to the end" the meter may listen to, so settle() reads state instead.
// Its own module because all of it is node:http's internals, which undici shares none of.

/**
 * @typedef {import('./responses.js').Entry} Entry
 * @typedef {ReturnType<typeof import('./responses-ledger.js').createLedger>} Ledger
 */

/**
 * Wraps node:http's prototypes and subscribes to its channels, once per tracker.
 * @param {{ http: typeof import('node:http'), ledger: Ledger, now: () => number, subscribe: (name: string, listener: (message: unknown) => void) => void }} options
 *   subscribe: diagnostics_channel's, through the tracker's guard.
 */
export function meterHttp({ http, ledger, now, subscribe }) {
  const { byRequest, start, finish, carried, report, reportReset } = ledger;
  // On a pooled socket: when it last went idle, and the Keep-Alive hint of the response before.
  const IDLE_SINCE = Symbol('keep-alive-lab idle since');
  const HINT = Symbol('keep-alive-lab hint');
  // On a node:http response: how many times the program's read() returned data.
  const READS = Symbol('keep-alive-lab reads');

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

  /** How many times the program's read() took bytes of a response's body. @param {any} response @returns {number} */
  const readsOf = (response) => response?.[READS] ?? 0;

  return { settle, readsOf };
}
