// The runner executes whatever code a page sends it, so only the lab's own pages may talk to it.
// Browsers do not apply CORS to WebSockets, and DNS rebinding can point any name at 127.0.0.1,
// so both the Host and the Origin header are checked against the names the lab is served under.
// Beyond loopback (an explicit --host), a random token is required on every request too.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK = '127.0.0.1';
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
export const TOKEN_COOKIE = 'keep-alive-lab-token';

export interface GuardSettings {
  port: number;
  /** The address the lab listens on. */
  host: string;
  token: string | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

export function allowedHosts({ port, host }: Pick<GuardSettings, 'port' | 'host'>): string[] {
  const names = host === LOOPBACK ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, host.includes(':') ? `[${host}]` : host];
  return names.map((name) => `${name}:${port}`);
}

export function checkHost(request: IncomingMessage, settings: Pick<GuardSettings, 'port' | 'host'>): GuardVerdict {
  const host = request.headers.host ?? '';
  if (allowedHosts(settings).includes(host.toLowerCase())) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: `Refused: Host "${host}" is not this lab (it answers only to ${allowedHosts(settings).join(', ')}, against DNS rebinding). Open http://localhost:${settings.port}/ instead.`,
  };
}

/** For the runner's WebSocket: the page must come from the lab's own origin. */
export function checkRunnerOrigin(request: IncomingMessage, settings: Pick<GuardSettings, 'port' | 'host'>): GuardVerdict {
  const host = checkHost(request, settings);
  if (!host.ok) return host;
  const origin = request.headers.origin;
  const allowed = allowedHosts(settings).map((name) => `http://${name}`);
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
 * ?token= in the address printed at start (answered with that cookie and a redirect).
 */
export function checkToken(request: IncomingMessage, settings: Pick<GuardSettings, 'token'>): TokenVerdict {
  const expected = settings.token;
  if (!expected) return { ok: true };
  const cookie = /(?:^|;\s*)keep-alive-lab-token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (cookie && same(cookie, expected)) return { ok: true };
  const url = new URL(request.url ?? '/', 'http://lab');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery && same(fromQuery, expected) && request.method === 'GET' && request.headers.upgrade === undefined) {
    url.searchParams.delete('token');
    return {
      ok: true,
      setCookie: `${TOKEN_COOKIE}=${expected}; Path=/; HttpOnly; SameSite=Strict`,
      location: `${url.pathname}${url.search}`,
    };
  }
  return {
    ok: false,
    status: 401,
    message: 'Refused: this lab listens beyond this machine, so it needs the token printed when it started. Open the full address it printed (with ?token=…).',
  };
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
