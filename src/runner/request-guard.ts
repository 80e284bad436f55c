// The runner executes whatever code a page sends it, so only the lab's own pages may talk to it.
// Browsers do not apply CORS to WebSockets, and DNS rebinding can point any name at 127.0.0.1.
//
// On loopback (the default), the Host header must be one of the loopback names at the lab's port,
// and a WebSocket's Origin must be one of those too.
//
// Beyond loopback (room mode, an explicit --host), a random token is the gate: every request must
// carry it (a cookie, given for the short room code printed at start: room-entrance.ts), so a learner may reach the lab by
// any of the machine's addresses. A rebinding page never has the token: the cookie belongs to the
// address the learner opened, is HttpOnly and SameSite=Strict, and 24 random bytes cannot be
// guessed. A WebSocket's Origin must be the very address it connects to, so another site's page,
// which the browser labels with its own Origin, cannot use a learner's cookie to run code.
// README's Security section says the same for users.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK = '127.0.0.1';
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
export const TOKEN_COOKIE = 'keep-alive-lab-token';
/** The instructor's cookie: the room board, and everything a learner may reach. */
export const INSTRUCTOR_COOKIE = 'keep-alive-lab-instructor';

export interface GuardSettings {
  port: number;
  /** The address the lab listens on. */
  host: string;
  token: string | undefined;
  /** Room mode: a second token for the instructor's room board. */
  instructorToken?: string | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

export function allowedHosts({ port, host }: Pick<GuardSettings, 'port' | 'host'>): string[] {
  const names = host === LOOPBACK ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, host.includes(':') ? `[${host}]` : host];
  return names.map((name) => `${name}:${port}`);
}

export function checkHost(request: IncomingMessage, settings: Pick<GuardSettings, 'port' | 'host' | 'token'>): GuardVerdict {
  const host = request.headers.host ?? '';
  // Room mode: any of the machine's addresses, or a name that points at one; the token decides.
  if (settings.token && HOST_HEADER.test(host)) return { ok: true };
  if (allowedHosts(settings).includes(host.toLowerCase())) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: `Refused: Host "${host}" is not this lab (it answers only to ${allowedHosts(settings).join(', ')}, against DNS rebinding). Open http://localhost:${settings.port}/ instead.`,
  };
}

/** A Host header's shape: a name, an IPv4 address or a bracketed IPv6 address, and a port. */
const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\]):\d{1,5}$/i;

/** For the runner's WebSocket: the page must come from the lab's own origin. */
export function checkRunnerOrigin(request: IncomingMessage, settings: Pick<GuardSettings, 'port' | 'host' | 'token'>): GuardVerdict {
  const host = checkHost(request, settings);
  if (!host.ok) return host;
  const origin = request.headers.origin;
  // In room mode, the origin of the very address the socket was opened to; on loopback, any
  // loopback name of the lab (a page on localhost may open 127.0.0.1).
  const allowed = settings.token ? [`http://${(request.headers.host ?? '').toLowerCase()}`] : allowedHosts(settings).map((name) => `http://${name}`);
  if (origin !== undefined && allowed.includes(origin.toLowerCase())) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: `Refused: origin "${origin ?? '(none)'}" may not run code here. Only pages of the lab itself (http://localhost:${settings.port}) may use the runner.`,
  };
}

export type TokenVerdict = GuardVerdict | { ok: true; setCookie: string; location: string };

/**
 * With a token set, a request must carry it: as the cookie set on the first visit, or as
 * ?token= in the address printed at start (answered with that cookie and a redirect). The
 * instructor's token (?instructor=) opens everything the learners' does, and the room board.
 */
export function checkToken(request: IncomingMessage, settings: Pick<GuardSettings, 'token' | 'instructorToken'>): TokenVerdict {
  const expected = settings.token;
  if (!expected) return { ok: true };
  if (hasCookie(request, TOKEN_COOKIE, expected) || isInstructor(request, settings)) return { ok: true };
  const url = new URL(request.url ?? '/', 'http://lab');
  const asPage = request.method === 'GET' && request.headers.upgrade === undefined;
  for (const [query, cookie, token] of [
    ['token', TOKEN_COOKIE, expected],
    ['instructor', INSTRUCTOR_COOKIE, settings.instructorToken],
  ] as const) {
    const given = url.searchParams.get(query);
    if (!token || !given || !same(given, token) || !asPage) continue;
    url.searchParams.delete(query);
    return {
      ok: true,
      setCookie: `${cookie}=${token}; Path=/; HttpOnly; SameSite=Strict`,
      location: `${url.pathname}${url.search}`,
    };
  }
  return {
    ok: false,
    status: 401,
    message: 'Refused: this lab listens beyond this machine, so it needs the room’s token. Open the address npm start printed in a browser and type the room code written beside it.',
  };
}

/** Whether the request carries the instructor's cookie (room mode only). */
export function isInstructor(request: IncomingMessage, settings: Pick<GuardSettings, 'instructorToken'>): boolean {
  return settings.instructorToken !== undefined && hasCookie(request, INSTRUCTOR_COOKIE, settings.instructorToken);
}

function hasCookie(request: IncomingMessage, name: string, expected: string): boolean {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === name && value !== undefined && same(value, expected)) return true;
  }
  return false;
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
