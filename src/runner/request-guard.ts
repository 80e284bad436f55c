// The runner executes whatever code a page sends it, so only the lab's own pages may talk to it.
// Browsers do not apply CORS to WebSockets, and DNS rebinding can point any name at 127.0.0.1,
// so both the Host and the Origin header are checked against the loopback names of our port.
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

export function allowedHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

export function checkHost(request: IncomingMessage, port: number): GuardVerdict {
  const host = request.headers.host ?? '';
  if (allowedHosts(port).includes(host.toLowerCase())) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: `Refused: Host "${host}" is not this lab (only localhost, 127.0.0.1 and [::1] on port ${port} are served, against DNS rebinding). Open http://localhost:${port}/ instead.`,
  };
}

/** For the runner's WebSocket: the page must come from the lab's own origin. */
export function checkRunnerOrigin(request: IncomingMessage, port: number): GuardVerdict {
  const host = checkHost(request, port);
  if (!host.ok) return host;
  const origin = request.headers.origin;
  const allowed = allowedHosts(port).map((host) => `http://${host}`);
  if (origin !== undefined && allowed.includes(origin.toLowerCase())) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: `Refused: origin "${origin ?? '(none)'}" may not run code here. Only pages of the lab itself (http://localhost:${port}) may use the runner.`,
  };
}
