// The lab's local server: the built site and the runner on one origin, on loopback only.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ISOLATION_HEADERS } from '../runtime/cross-origin-isolation.ts';
import { DEFAULT_LIMITS, type RunLimits } from './run-lesson.ts';
import { checkHost, checkRunnerOrigin, checkToken, LOOPBACK } from './request-guard.ts';
import { startRunnerSession } from './runner-session.ts';
import { createStaticHandler } from './static-files.ts';

export const RUNNER_PATH = '/api/runner';
/**
 * A WebSocket message larger than this closes the connection (code 1009) before it is parsed.
 * Larger than the 512 KiB the files may total, so a too-large run gets a refusal that names the
 * rule rather than a dropped connection.
 */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT_RUNS = 8;

export interface LabServerOptions {
  distDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Where to listen: loopback (127.0.0.1) unless the operator chose otherwise. */
  host?: string;
  /** Required on every request when the lab listens beyond loopback (see request-guard.ts). */
  token?: string;
  limits?: Partial<RunLimits>;
  maxConcurrentRuns?: number;
}

export interface LabServer {
  readonly port: number;
  readonly url: string;
  /** Compresses the site's big assets ahead of the first request for them (the editor's are MBs). */
  warmUp(): Promise<void>;
  /** Stops every run, waits for their processes to end, and closes the server. */
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const activeRuns = new Set<Promise<void>>();
  const stopAll = new Set<() => void>();
  const statics = createStaticHandler(options.distDir);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port;
  const guard = () => ({ port, host: options.host ?? LOOPBACK, token: options.token });

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
    const host = checkHost(request, guard());
    if (!host.ok) {
      response.writeHead(host.status, { 'content-type': 'text/plain; charset=utf-8' }).end(host.message);
      return;
    }
    const token = checkToken(request, guard());
    if (token.ok && 'setCookie' in token) {
      // First visit with ?token=: keep it in a cookie, and drop it from the address bar.
      response.writeHead(303, { 'set-cookie': token.setCookie, location: token.location }).end();
      return;
    }
    if (!token.ok) {
      response.writeHead(token.status, { 'content-type': 'text/plain; charset=utf-8' }).end(token.message);
      return;
    }
    if (new URL(request.url ?? '/', 'http://lab').pathname === RUNNER_PATH) {
      // The page asks this to learn whether a local runner serves it.
      response
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ runner: 'local', timeLimitMs: limits.timeLimitMs }));
      return;
    }
    statics.serve(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const token = checkToken(request, guard());
    const verdict =
      new URL(request.url ?? '/', 'http://lab').pathname !== RUNNER_PATH
        ? ({ ok: false, status: 404, message: 'Not found' } as const)
        : !token.ok
          ? token
          : checkRunnerOrigin(request, guard());
    if (!verdict.ok) {
      socket.end(
        `HTTP/1.1 ${verdict.status} Refused\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\n${verdict.message}`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) =>
      startRunnerSession(webSocket, {
        limits,
        activeRuns,
        onStopAll: stopAll,
        maxConcurrentRuns: options.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS,
      }),
    );
  });

  await listen(server, port, options.host ?? LOOPBACK);
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host && options.host !== LOOPBACK ? options.host : 'localhost';

  return {
    port,
    url: `http://${shownHost}:${port}/${options.token ? `?token=${options.token}` : ''}`,
    warmUp: statics.warmUp,
    async close() {
      for (const stop of stopAll) stop();
      await Promise.all(activeRuns);
      for (const client of sockets.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Loopback only. Browsers that resolve `localhost` to ::1 first fall back to 127.0.0.1 at once,
 * because nothing listens on ::1 to refuse them slowly.
 */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
