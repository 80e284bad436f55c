// The lab's local server: the built site and the runner on one origin, on loopback unless the
// operator asks for a room (a token then guards it; see request-guard.ts), and in room mode the
// instructor's room board.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { posix } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ISOLATION_HEADERS } from '../run/cross-origin-isolation.ts';
import { ROOM_API_PATH, ROOM_JOIN_PATH, ROOM_PATH, ROOM_QR_PATH, type RoomJoin } from '../schemas/room-wire.ts';
import { MAX_MESSAGE_BYTES, RUNNER_PATH } from '../schemas/runner-wire.ts';
import { DEFAULT_LIMITS, type RunLimits } from '../run/supervise-run.ts';
import { checkHost, checkRunnerOrigin, checkToken, isInstructor, LOOPBACK } from './request-guard.ts';
import { addressUrl, reachableAddresses } from './network-addresses.ts';
import { joinCode, RoomBoard, type RoomLesson } from './room-board.ts';
import { CODE_PARAMETER, RoomEntrance } from './room-entrance.ts';
import { RunQueue } from './run-queue.ts';
import { startRunnerSession } from './runner-session.ts';
import { createStaticHandler } from './static-files.ts';

/**
 * Runs at once, across pages: eight per core, at most 32. A run is two Node processes that
 * mostly wait on sockets and timers, so a core serves several. Measured with 30 learners pressing
 * Run on the leak lesson within 3 s on 2 cores: 4 at once, median 9.3 s from Run to result
 * (slowest 17.5 s); 8, 4.9 s (8.4 s); 16, 3.8 s (5.4 s); all 30 at once, 5.3 s (5.7 s), as they
 * then fight over the CPU. The cap keeps a big machine's memory in bounds (about 50 MB a process).
 */
export const DEFAULT_MAX_RUNS = Math.min(32, 8 * availableParallelism());

export interface LabServerOptions {
  distDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Where to listen: loopback (127.0.0.1) unless the operator chose otherwise. */
  host?: string;
  /** Required on every request when the lab listens beyond loopback (see request-guard.ts). */
  token?: string;
  /** With a token: the short code learners type to get it (room-code.ts), e.g. "K7WQ-M3RD". */
  roomCode?: string;
  limits?: Partial<RunLimits>;
  /** Runs at once across pages; more wait in line. */
  maxRuns?: number;
  /** Confine every run (see confinement.ts); the caller has checked that confinement works here. */
  confine?: boolean;
  /**
   * Room mode (with a token): the instructor's token and the room board's rows. Pages then report
   * passed Checks, and /room/ shows the board to the instructor.
   */
  room?: { instructorToken: string; lessons: RoomLesson[] };
  /** Runs that may wait in line; beyond that Run is refused. Unlimited unless set (the bench sets 0 to compare with refusing). */
  maxWaiting?: number;
}

export interface LabServer {
  readonly port: number;
  readonly url: string;
  /**
   * With a token: the addresses learners open, one per network address of this machine, the one
   * to write up first (see network-addresses.ts). With a room code they carry nothing secret (the
   * code is written up beside them); without one, the token.
   */
  readonly joinUrls: string[];
  /** Room mode: the QR code of the first join address with the room code, for the terminal. */
  readonly joinQr?: string;
  /** Room mode: the room board's address for the instructor, on this machine. */
  readonly roomUrl?: string;
  /** Compresses the site's big assets ahead of the first request for them (the editor's are MBs). */
  warmUp(): Promise<void>;
  /** Stops every run, waits for their processes to end, and closes the server. */
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const activeRuns = new Set<Promise<void>>();
  const queue = new RunQueue({ maxRunning: options.maxRuns ?? DEFAULT_MAX_RUNS, ...(options.maxWaiting !== undefined ? { maxWaiting: options.maxWaiting } : {}) });
  const stopAll = new Set<() => void>();
  const statics = createStaticHandler(options.distDir);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port;
  const guard = () => ({ port, host: options.host ?? LOOPBACK, token: options.token, instructorToken: options.room?.instructorToken });
  const board = options.room && options.token ? new RoomBoard(options.room.lessons, queue) : undefined;
  const joining = options.token && options.roomCode ? new RoomEntrance(options.roomCode, options.token) : undefined;
  /** Room mode: what learners open and its QR code, known once the server listens. */
  let join: RoomJoin = { urls: [] };
  let joinSvg: string | undefined;

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
      // A page without the room's cookie: the room code's form, or the code's answer.
      const answer = joining?.answer(request);
      if (answer) response.writeHead(answer.status, answer.headers).end(answer.body);
      else response.writeHead(token.status, { 'content-type': 'text/plain; charset=utf-8' }).end(token.message);
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://lab').pathname;
    if (board && forTheBoard(pathname)) {
      if (!isInstructor(request, guard())) {
        response
          .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
          .end('Refused: the room board is for the instructor. Open the instructor address npm start printed (with ?instructor=…).');
        return;
      }
      // The board's data; its page (dist/room/index.html) is a file of the build, served below.
      const data =
        pathname === ROOM_API_PATH
          ? { type: 'application/json', body: JSON.stringify(board.snapshot()) }
          : pathname === ROOM_JOIN_PATH
            ? { type: 'application/json', body: JSON.stringify(join) }
            : pathname === ROOM_QR_PATH && joinSvg
              ? { type: 'image/svg+xml', body: joinSvg }
              : undefined;
      if (data) {
        response.writeHead(200, { 'content-type': data.type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(data.body);
        return;
      }
    }
    if (pathname === RUNNER_PATH) {
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
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      if (board) webSocket.once('close', board.connected());
      startRunnerSession(webSocket, {
        limits,
        activeRuns,
        onStopAll: stopAll,
        queue,
        confine: options.confine === true,
        ...(board ? { room: true, onPassed: (report) => board.passed(report) } : {}),
      });
    });
  });

  await listen(server, port, options.host ?? LOOPBACK);
  port = (server.address() as AddressInfo).port;
  const joinPath = options.roomCode ? '/' : `/?token=${options.token}`;
  const joinUrls = options.token ? reachableAddresses(options.host ?? LOOPBACK).map((address) => addressUrl(address, port, joinPath)) : [];
  // The QR code takes a phone straight in: the address with the code, spaces and all left out.
  const qrUrl = options.roomCode ? `${joinUrls[0]}?${CODE_PARAMETER}=${options.roomCode}` : joinUrls[0];
  const code = board && qrUrl ? await joinCode(qrUrl) : undefined;
  join = { urls: joinUrls, ...(options.roomCode ? { code: options.roomCode } : {}) };
  joinSvg = code?.svg;

  // This machine's own way in: localhost, unless the lab listens on one address only.
  const listenHost = options.host ?? LOOPBACK;
  const local = [LOOPBACK, '::', '0.0.0.0'].includes(listenHost) ? `http://localhost:${port}` : addressUrl(listenHost, port, '').replace(/\/$/, '');

  return {
    port,
    url: `${local}/${options.token ? `?token=${options.token}` : ''}`,
    joinUrls,
    ...(code ? { joinQr: code.terminal } : {}),
    ...(options.room ? { roomUrl: `${local}${ROOM_PATH}?instructor=${options.room.instructorToken}` } : {}),
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
 * Whether a request is for the room board: its page, however the address spells it (the static
 * files would serve /room, /ROOM/ on a case-insensitive disk or /r%6Fom/index.html too), or its data.
 */
function forTheBoard(pathname: string): boolean {
  let path: string;
  try {
    // A backslash is a folder separator to the file server on Windows: /room\\ is /room/ there.
    path = posix.normalize(decodeURIComponent(pathname).replaceAll('\\', '/')).toLowerCase();
  } catch {
    return false;
  }
  const room = ROOM_PATH.replace(/\/$/, '');
  return [room, ROOM_API_PATH].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * On loopback, browsers that resolve `localhost` to ::1 first fall back to 127.0.0.1 at once,
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
