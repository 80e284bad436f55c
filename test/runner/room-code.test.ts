// The room code learners type to join a room: short, without look-alikes, read in any case with
// spaces and dashes; and the lab's limit on wrong codes, on a real server over real sockets.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLabServer, type LabServer } from '../../src/runner/lab-server.ts';
import { TOKEN_COOKIE } from '../../src/runner/request-guard.ts';
import { CODE_ALPHABET, JoinLimiter, newRoomCode, parseRoomCode } from '../../src/runner/room-code.ts';

test('a room code is 8 symbols in two groups, with no 0, O, 1, I, L or U', () => {
  const codes = Array.from({ length: 2000 }, newRoomCode);
  for (const code of codes) assert.match(code, /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  assert.equal(CODE_ALPHABET.length, 30);
  assert.doesNotMatch(CODE_ALPHABET, /[01OILU]/);
  // Every symbol turns up: the codes are drawn from all 30 (30^8 of them; room-code.ts has the figures).
  assert.equal(new Set(codes.join('').replaceAll('-', '')).size, 30);
  assert.equal(new Set(codes).size, codes.length);
});

test('what a learner types is read in any case, with spaces and dashes anywhere', () => {
  for (const typed of ['K7WQ-M3RD', 'k7wq-m3rd', 'k7wq m3rd', ' K7 WQ M3 RD ', 'k7wqm3rd', 'K7WQ--M3RD']) {
    assert.deepEqual(parseRoomCode(typed), { ok: true, code: 'K7WQM3RD' }, typed);
  }
});

test('what cannot be a code says why, naming what is wrong', () => {
  const lookAlike = parseRoomCode('K7WQ-M3R0');
  assert.ok(!lookAlike.ok);
  assert.match(lookAlike.message, /no “0” \(it has no 0, 1, O, I, L or U/);
  const short = parseRoomCode('K7WQ-M3R');
  assert.ok(!short.ok);
  assert.match(short.message, /8 letters and digits, like K7WQ-M3RD; that was 7/);
});

test('the limiter takes a burst of 30 wrong codes, then 1 a second', () => {
  let now = 0;
  const limiter = new JoinLimiter({ now: () => now });
  for (let i = 0; i < 30; i += 1) {
    assert.equal(limiter.waitSeconds(), 0, `try ${i + 1}`);
    limiter.failed();
  }
  assert.equal(limiter.waitSeconds(), 1);
  now += 999;
  assert.equal(limiter.waitSeconds(), 1);
  now += 1;
  assert.equal(limiter.waitSeconds(), 0);
  limiter.failed();
  assert.equal(limiter.waitSeconds(), 1);
  // An hour later, a full burst again, and no more.
  now += 3_600_000;
  for (let i = 0; i < 30; i += 1) limiter.failed();
  assert.equal(limiter.waitSeconds(), 1);
});

describe('joining a room on a real lab server', () => {
  const TOKEN = 'room-code-learner-token-for-tests';
  const CODE = 'K7WQ-M3RD';
  const scratch = mkdtempSync(join(tmpdir(), 'lab-room-code-'));
  let lab: LabServer;
  const get = (path: string, cookie?: string) => fetch(`http://127.0.0.1:${lab.port}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const join_ = (typed: string) => get(`/lessons/the-leak/?code=${encodeURIComponent(typed)}`);

  before(async () => {
    mkdirSync(join(scratch, 'dist'), { recursive: true });
    writeFileSync(join(scratch, 'dist/index.html'), '<!doctype html><title>Lab</title>');
    lab = await startLabServer({ distDir: join(scratch, 'dist'), port: 0, host: '127.0.0.1', token: TOKEN, roomCode: CODE });
  });

  after(async () => {
    await lab?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the printed address carries no secret; opening it asks for the room code', async () => {
    assert.deepEqual(lab.joinUrls, [`http://127.0.0.1:${lab.port}/`]);
    const response = await get('/');
    assert.equal(response.status, 401);
    const page = await response.text();
    assert.match(page, /<label for="code">Room code<\/label>/);
    assert.match(page, /<button type="submit">Join<\/button>/);
  });

  test('the code, typed in small letters with a space, sets the room’s cookie and goes to the page asked for', async () => {
    const response = await join_('k7wq m3rd');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/lessons/the-leak/');
    assert.equal(response.headers.get('set-cookie'), `${TOKEN_COOKIE}=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
  });

  test('a typo of form costs nothing and keeps what was typed; wrong codes run out after 30, the right one too, until a second passes', async () => {
    const typo = await join_('k7wq-m3r');
    assert.equal(typo.status, 401);
    assert.match(await typo.text(), /value="k7wq-m3r"[^>]*aria-invalid="true"[\s\S]*that was 7/);
    for (let i = 0; i < 30; i += 1) {
      const wrong = await join_('K7WQ-M3RE');
      assert.equal(wrong.status, 401, `wrong code ${i + 1}`);
      assert.match(await wrong.text(), /not this room’s code/);
    }
    const limited = await join_('K7WQ-M3RE');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.match(await limited.text(), /Too many wrong room codes were tried just now, so the lab takes none for 1 s/);
    // While the bucket is empty, not even the right code is compared: a guesser learns nothing.
    assert.equal((await join_(CODE)).status, 429);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal((await join_(CODE)).status, 303);
  });
});
