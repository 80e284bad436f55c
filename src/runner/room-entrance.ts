// Joining a workshop room: a learner who opens the lab's address without its cookie gets a page
// that asks for the room code (room-code.ts); the right code sets the cookie with the room's token
// and takes them to the page they asked for. Wrong codes count against the lab's JoinLimiter; a
// code that cannot be one (a typo of length or a letter not in the alphabet) says so and costs
// nothing. What the learner typed stays in the box.
import type { IncomingMessage } from 'node:http';
import { JoinLimiter, parseRoomCode, sameCode } from './room-code.ts';
import { TOKEN_COOKIE } from './request-guard.ts';

/** The query parameter of a join: what the form sends, and the QR code's address carries. */
export const CODE_PARAMETER = 'code';

export interface JoinAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class RoomEntrance {
  readonly #code: string;
  readonly #token: string;
  readonly #limiter: JoinLimiter;

  constructor(code: string, token: string, limiter = new JoinLimiter()) {
    this.#code = code;
    this.#token = token;
    this.#limiter = limiter;
  }

  /** For a page request without the room's cookie: the join page, a refusal, or the cookie. Undefined for anything else. */
  answer(request: IncomingMessage): JoinAnswer | undefined {
    if (request.method !== 'GET' || request.headers.upgrade !== undefined) return undefined;
    const url = new URL(request.url ?? '/', 'http://lab');
    const typed = url.searchParams.get(CODE_PARAMETER);
    if (typed === null) return page(401, '');
    const parsed = parseRoomCode(typed);
    if (!parsed.ok) return page(401, parsed.message, typed);
    const wait = this.#limiter.waitSeconds();
    if (wait > 0) {
      const answer = page(429, `Too many wrong room codes were tried just now, so the lab takes none for ${wait} s. Wait, then press Join again.`, typed);
      return { ...answer, headers: { ...answer.headers, 'retry-after': String(wait) } };
    }
    if (!sameCode(parsed.code, this.#code)) {
      this.#limiter.failed();
      return page(401, 'That is not this room’s code. Check it against the board (or ask your instructor), and try again.', typed);
    }
    url.searchParams.delete(CODE_PARAMETER);
    return {
      status: 303,
      headers: { 'set-cookie': `${TOKEN_COOKIE}=${this.#token}; Path=/; HttpOnly; SameSite=Strict`, location: `${url.pathname}${url.search}` },
      body: '',
    };
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (symbol) => `&#${symbol.charCodeAt(0)};`);
}

function page(status: number, message: string, typed = ''): JoinAnswer {
  const body = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Join the room · Keep-Alive Lab</title>
<style>
  body { font: 1.1rem/1.5 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1.25rem; color: #1b1f24; background: #fff; }
  @media (prefers-color-scheme: dark) { body { color: #e6e8eb; background: #16181c; } }
  input { font: 1.6rem ui-monospace, monospace; letter-spacing: 0.15em; text-transform: uppercase; width: 11ch; padding: 0.3rem 0.5rem; }
  button { font: inherit; padding: 0.4rem 1rem; margin-left: 0.5rem; }
  .error { color: #c62828; font-weight: 600; }
  @media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
</style>
<h1>Join the room</h1>
<p>This lab is running in a workshop room. Type the room code your instructor wrote up (8 letters and digits, like K7WQ-M3RD; small letters and spaces are fine).</p>
<form method="get">
  <label for="code">Room code</label><br>
  <input id="code" name="${CODE_PARAMETER}" value="${escape(typed)}" autocomplete="off" autocapitalize="characters" spellcheck="false" required autofocus${message ? ' aria-describedby="error" aria-invalid="true"' : ''}>
  <button type="submit">Join</button>
</form>
${message ? `<p class="error" id="error" role="alert">${escape(message)}</p>` : ''}
</html>
`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body };
}
