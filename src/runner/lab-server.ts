// The lab's local server: the built site and the runner on one origin, on loopback only.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ISOLATION_HEADERS } from '../runtime/cross-origin-isolation.ts';
import { DEFAULT_LIMITS, type RunLimits } from './run-lesson.ts';
import { checkHost, checkRunnerOrigin } from './request-guard.ts';
import { startRunnerSession } from './runner-session.ts';
import { createStaticHandler } from './static-files.ts';

export const RUNNER_PATH = '/api/runner';
/** A WebSocket message larger than this is refused before it is parsed (files are capped at 512 KiB). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface LabServerOptions {
  distDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  limits?: Partial<RunLimits>;
}

export interface LabServer {
  readonly port: number;
  readonly url: string;
  /** Stops every run, waits for their processes to end, and closes the server. */
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const activeRuns = new Set<Promise<void>>();
  const stopAll = new Set<() => void>();
  const serveStatic = createStaticHandler(options.distDir);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port;

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
    const host = checkHost(request, port);
    if (!host.ok) {
      response.writeHead(host.status, { 'content-type': 'text/plain; charset=utf-8' }).end(host.message);
      return;
    }
    if (new URL(request.url ?? '/', 'http://lab').pathname === RUNNER_PATH) {
      // The page asks this to learn whether a local runner serves it.
      response
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ runner: 'local', timeLimitMs: limits.timeLimitMs }));
      return;
    }
    serveStatic(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict =
      new URL(request.url ?? '/', 'http://lab').pathname === RUNNER_PATH
        ? checkRunnerOrigin(request, port)
        : ({ ok: false, status: 404, message: 'Not found' } as const);
    if (!verdict.ok) {
      socket.end(
        `HTTP/1.1 ${verdict.status} Refused\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\n${verdict.message}`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) =>
      startRunnerSession(webSocket, { limits, activeRuns, onStopAll: stopAll }),
    );
  });

  await listen(server, port);
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://localhost:${port}/`,
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
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
