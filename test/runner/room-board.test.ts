// The instructor's room board (room mode): its rows are the lessons as lessonSchema reads them,
// in course order, and a lesson the schema refuses stops it with the schema's error; the runner
// shows the built page and its data to the instructor alone. The board in a browser, from a
// learner's laptop, is e2e/room-mode.spec.ts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { z } from 'astro/zod';
import { LessonContentError } from '../../src/schemas/lesson-content-error.ts';
import { startLabServer, type LabServer } from '../../src/runner/lab-server.ts';
import { INSTRUCTOR_COOKIE, TOKEN_COOKIE } from '../../src/runner/request-guard.ts';
import { readRoomLessons, RoomBoard, type RoomSnapshot } from '../../src/runner/room-board.ts';
import { RunQueue } from '../../src/runner/run-queue.ts';
import { ROOM_API_PATH, ROOM_JOIN_PATH, ROOM_QR_PATH, type RoomJoin } from '../../src/schemas/room-wire.ts';
import { LESSONS_DIR, lessonsOnDisk } from '../helpers/lessons.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lab-room-board-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A lessons folder of its own: one index.mdx per lesson, by folder name. */
function lessonsFolder(lessons: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'lessons-'));
  for (const [id, frontmatter] of Object.entries(lessons)) {
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, 'index.mdx'), `---\n${frontmatter}\n---\n\nText.\n`);
  }
  return dir;
}

const frontmatter = (title: string, challenges = '  - { id: fewer, title: Fewer connections, task: Make the client use fewer connections than it does now., expect: { accepted: { atMost: 1 } } }') =>
  [
    `title: ${title}`,
    'description: A lesson made for the room board test, with enough words.',
    'duration: 5',
    "keyLine: { file: client.js, text: 'res.resume()' }",
    'instructor: { points: [Say what the meter shows.], question: What would you expect to see? }',
    'challenges:',
    challenges,
  ].join('\n');

describe('the board’s rows', () => {
  test('are every lesson of the course, in order, with the titles and challenges lessonSchema reads', () => {
    const rows = readRoomLessons(LESSONS_DIR);
    assert.deepEqual(
      rows.map((row) => row.id),
      readdirSync(LESSONS_DIR).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    );
    assert.deepEqual(
      rows,
      lessonsOnDisk().map(({ id, frontmatter: lesson }) => ({ id, title: lesson.title, challenges: lesson.challenges.map(({ id: challenge, title }) => ({ id: challenge, title })) })),
    );
    assert.ok(rows.every((row) => row.challenges.length > 0), 'lessonSchema asks for a challenge in every lesson');
  });

  test('follow the course’s numeric order, not the alphabet', () => {
    const dir = lessonsFolder({ '10-tenth': frontmatter('The tenth lesson'), '9-ninth': frontmatter('The ninth lesson') });
    assert.deepEqual(
      readRoomLessons(dir).map((row) => row.title),
      ['The ninth lesson', 'The tenth lesson'],
    );
  });

  test('read YAML as the site does: a quoted title and a multi-line challenge come out as on the page', () => {
    const dir = lessonsFolder({
      '01-quoted': frontmatter("'Fetch: one pool, #2'", ['  - id: reuse', '    title: >-', '      Reuse the', '      connection', '    task: Make the client use fewer connections than it does now.', '    expect: { accepted: { atMost: 1 } }'].join('\n')),
    });
    assert.deepEqual(readRoomLessons(dir), [{ id: '01-quoted', title: 'Fetch: one pool, #2', challenges: [{ id: 'reuse', title: 'Reuse the connection' }] }]);
  });

  test('a lesson the schema refuses stops the board with the schema’s error, naming the lesson', () => {
    // Before, the board made do: a missing title became the folder's name, no challenges none.
    const dir = lessonsFolder({ '01-fine': frontmatter('A fine lesson'), '02-broken': 'title: A broken lesson\ndescription: Too short.' });
    assert.throws(
      () => readRoomLessons(dir),
      (error: unknown) => {
        assert.ok(error instanceof LessonContentError, String(error));
        assert.match(error.message, /02-broken\/index\.mdx/);
        assert.ok(error.cause instanceof z.ZodError, 'the cause is lessonSchema’s ZodError');
        const fields = error.cause.issues.map((issue) => issue.path.join('.'));
        for (const field of ['description', 'duration', 'instructor', 'challenges']) assert.ok(fields.includes(field), `${field} in ${fields.join(', ')}`);
        for (const field of ['description', 'duration', 'instructor', 'challenges']) assert.match(error.message, new RegExp(field));
        return true;
      },
    );
  });
});

test('the board counts each learner once per lesson or challenge, and ignores what the lab does not have', () => {
  const queue = new RunQueue({ maxRunning: 4 });
  const board = new RoomBoard([{ id: '02-the-leak', title: 'The leak', challenges: [{ id: 'fewer', title: 'Fewer' }] }], queue);
  const gone = board.connected();
  board.passed({ learner: 'a', lesson: '02-the-leak' });
  board.passed({ learner: 'a', lesson: '02-the-leak' });
  board.passed({ learner: 'b', lesson: '02-the-leak', challenge: 'fewer' });
  board.passed({ learner: 'b', lesson: '02-the-leak', challenge: 'no-such-challenge' });
  board.passed({ learner: 'c', lesson: '99-no-such-lesson' });
  assert.deepEqual(board.snapshot(), {
    pages: 1,
    running: 0,
    waiting: 0,
    maxRuns: 4,
    lessons: [{ id: '02-the-leak', title: 'The leak', passed: 1, solutionApplied: 0, challenges: [{ id: 'fewer', title: 'Fewer', passed: 1 }] }],
  } satisfies RoomSnapshot);
  gone();
  gone();
  assert.equal(board.snapshot().pages, 0);
});

test('a pass with the solution applied counts apart, once, and gives way to a pass of the learner’s own', () => {
  const board = new RoomBoard([{ id: '02-the-leak', title: 'The leak', challenges: [] }], new RunQueue({ maxRunning: 1 }));
  const counts = () => {
    const [lesson] = board.snapshot().lessons;
    return { passed: lesson!.passed, solutionApplied: lesson!.solutionApplied };
  };
  board.passed({ learner: 'a', lesson: '02-the-leak', solutionApplied: true });
  board.passed({ learner: 'a', lesson: '02-the-leak', solutionApplied: true });
  board.passed({ learner: 'b', lesson: '02-the-leak', solutionApplied: true });
  assert.deepEqual(counts(), { passed: 0, solutionApplied: 2 });
  // a resets and writes the fix: now a pass of their own, and no longer counted as applied.
  board.passed({ learner: 'a', lesson: '02-the-leak' });
  assert.deepEqual(counts(), { passed: 1, solutionApplied: 1 });
  // Applying the solution after passing takes nothing away.
  board.passed({ learner: 'a', lesson: '02-the-leak', solutionApplied: true });
  assert.deepEqual(counts(), { passed: 1, solutionApplied: 1 });
});

describe('the runner serves the board', () => {
  const TOKEN = 'room-board-learner-token-for-tests';
  const INSTRUCTOR = 'room-board-instructor-token-for-tests';
  const PAGE = '<!doctype html><title>Room board</title><room-board></room-board>';
  const dist = join(scratch, 'dist');
  let room: LabServer;
  let loopback: LabServer;

  before(async () => {
    mkdirSync(join(dist, 'room'), { recursive: true });
    writeFileSync(join(dist, 'room/index.html'), PAGE);
    writeFileSync(join(dist, '404.html'), '<!doctype html><title>Not found</title>');
    room = await startLabServer({ distDir: dist, port: 0, token: TOKEN, room: { instructorToken: INSTRUCTOR, lessons: readRoomLessons(LESSONS_DIR) } });
    loopback = await startLabServer({ distDir: dist, port: 0 });
  });

  after(async () => {
    await room?.close();
    await loopback?.close();
  });

  const get = (lab: LabServer, path: string, cookie?: string) =>
    fetch(`http://127.0.0.1:${lab.port}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const learner = `${TOKEN_COOKIE}=${TOKEN}`;
  const instructor = `${INSTRUCTOR_COOKIE}=${INSTRUCTOR}`;

  test('the instructor’s address sets their cookie, and the board is then the built page', async () => {
    const first = await get(room, '/room/?instructor=' + INSTRUCTOR);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/room/');
    assert.match(first.headers.get('set-cookie') ?? '', new RegExp(`^${INSTRUCTOR_COOKIE}=${INSTRUCTOR};.*HttpOnly; SameSite=Strict`));
    const page = await get(room, '/room/', instructor);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await page.text(), PAGE);
  });

  test('its data: the snapshot, the addresses learners open and their QR code', async () => {
    const snapshot = (await (await get(room, ROOM_API_PATH, instructor)).json()) as RoomSnapshot;
    assert.equal(snapshot.pages, 0);
    assert.deepEqual(
      snapshot.lessons.map((lesson) => lesson.title),
      lessonsOnDisk().map((lesson) => lesson.frontmatter.title),
    );
    const join = await get(room, ROOM_JOIN_PATH, instructor);
    assert.equal(join.headers.get('cache-control'), 'no-store');
    assert.deepEqual((await join.json()) as RoomJoin, { urls: room.joinUrls });
    assert.ok(room.joinUrls[0]?.endsWith(`/?token=${TOKEN}`), room.joinUrls.join());
    const qr = await get(room, ROOM_QR_PATH, instructor);
    assert.equal(qr.status, 200);
    assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
    assert.match(await qr.text(), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  test('a learner’s token opens neither the page, however it is spelt, nor its data', async () => {
    assert.equal((await get(room, '/', learner)).status, 404, 'the learner’s token works (this dist has no home page)');
    for (const path of ['/room/', '/room', '/room/index.html', '/ROOM/', '/r%6Fom/', ROOM_API_PATH, ROOM_JOIN_PATH, ROOM_QR_PATH]) {
      const response = await get(room, path, learner);
      assert.equal(response.status, 403, path);
      assert.match(await response.text(), /the room board is for the instructor/, path);
    }
    assert.equal((await get(room, '/room/')).status, 401, 'without any token');
  });

  test('without room mode there is no board data, and the page (which says how to get one) is a page like any other', async () => {
    for (const path of [ROOM_API_PATH, ROOM_JOIN_PATH, ROOM_QR_PATH]) assert.equal((await get(loopback, path)).status, 404, path);
    const page = await get(loopback, '/room/');
    assert.equal(page.status, 200);
    assert.equal(await page.text(), PAGE);
  });
});
