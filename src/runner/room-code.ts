// The room code learners type to join a workshop room (room mode): short, read aloud and copied
// from a whiteboard, so 8 symbols in two groups ("K7WQ-M3RD") from an alphabet with no look-alikes:
// Crockford's base32 without 0, 1 and U, so no O/0, no I/L/1 (and no U/V). 30 symbols.
//
// How strong, at the rate the server allows: the code opens the room only through join-limiter's
// bucket, which lets at most 30 wrong codes through at once and then 1 a second, for the whole
// lab (not per address: a room's network hands out addresses freely, IPv6 ones by the million).
// 30^8 = 656,100,000,000 codes (39.3 bits). At 1 guess a second:
//   - an 8-hour workshop day: 30 + 28,800 guesses, a chance of 1 in 22.7 million;
//   - a week without a stop: 604,830 guesses, 1 in 1.08 million;
//   - expected time to guess: half the codes at 1 a second, about 10,400 years.
// The token this replaces (24 random bytes, 192 bits, and no limit) was as good as unguessable at
// any rate; the code is, in practice, as well over the life of a room (a restart makes a new one).
// Once in, a learner's browser holds that same 192-bit token, as a cookie: only joining is short.
import { randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;
const GROUP = 4;

/** A new room code, as it is written up: "K7WQ-M3RD". */
export function newRoomCode(): string {
  const symbols = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return `${symbols.slice(0, GROUP).join('')}-${symbols.slice(GROUP).join('')}`;
}

export type ParsedCode = { ok: true; code: string } | { ok: false; message: string };

/**
 * What a learner typed, as the code it means: any case, spaces and dashes ignored ("k7wq m3rd").
 * Says what is wrong with anything that cannot be a room code, naming the offending characters.
 */
export function parseRoomCode(typed: string): ParsedCode {
  const code = typed.toUpperCase().replace(/[\s-]+/g, '');
  const strangers = [...new Set([...code].filter((symbol) => !CODE_ALPHABET.includes(symbol)))];
  if (strangers.length > 0) {
    const lookAlike = strangers.some((symbol) => '01OILU'.includes(symbol));
    return {
      ok: false,
      message: `A room code has no ${strangers.map((symbol) => `“${symbol}”`).join(', ')}${lookAlike ? ' (it has no 0, 1, O, I, L or U, so none can be mistaken for another)' : ''}. Check the code on the board and type it again.`,
    };
  }
  if (code.length !== CODE_LENGTH) {
    return { ok: false, message: `A room code has ${CODE_LENGTH} letters and digits, like K7WQ-M3RD; that was ${code.length}. Check the code on the board and type it again.` };
  }
  return { ok: true, code };
}

/** Whether a parsed code is the room's, in time that does not depend on where they differ. */
export function sameCode(parsed: string, roomCode: string): boolean {
  const a = Buffer.from(parsed);
  const b = Buffer.from(roomCode.replace('-', ''));
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The limit on wrong codes, for the whole lab: a bucket of `burst` tries that refills at `perSecond`.
 * A room of learners mistyping at once fits in the burst; a guesser gets 1 a second (figures above).
 * While the bucket is empty no code is even compared, the right one neither, so a guesser learns nothing.
 */
export class JoinLimiter {
  readonly #burst: number;
  readonly #perSecond: number;
  readonly #now: () => number;
  #tries: number;
  #at: number;

  constructor({ burst = 30, perSecond = 1, now = () => performance.now() } = {}) {
    this.#burst = burst;
    this.#perSecond = perSecond;
    this.#now = now;
    this.#tries = burst;
    this.#at = now();
  }

  /** Seconds until a code may be tried again: 0 when one may be tried now. */
  waitSeconds(): number {
    this.#refill();
    return this.#tries >= 1 ? 0 : Math.ceil((1 - this.#tries) / this.#perSecond);
  }

  /** A wrong code was tried: one try fewer. */
  failed(): void {
    this.#refill();
    this.#tries = Math.max(0, this.#tries - 1);
  }

  #refill() {
    const now = this.#now();
    this.#tries = Math.min(this.#burst, this.#tries + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
  }
}
