// Link-preview images (src/lessons/link-preview.ts, preview-svg.ts, preview-image.ts): what the
// headline says for each kind of lesson, drawn from real recordings, and the PNG and its cache.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lessonPreviewCard, linkPreview, previewHeadline } from '../../src/lessons/link-preview.ts';
import { previewImage } from '../../src/lessons/preview-image.ts';
import { wrap } from '../../src/lessons/preview-svg.ts';
import type { Recording } from '../../src/lessons/recordings.ts';
import { summarise } from '../../src/run/claims.ts';
import { LESSONS_DIR } from '../helpers/lessons.ts';

const recording = (lesson: string, variant: string): Recording => JSON.parse(readFileSync(join(LESSONS_DIR, lesson, 'recordings', `${variant}.json`), 'utf8'));

test('a leak is told in connections, from the recorded counts', () => {
  const [starter, solution] = [recording('02-the-leak', 'starter'), recording('02-the-leak', 'solution')];
  const before = summarise(starter.events).accepted;
  const after = summarise(solution.events).accepted;
  assert.ok(before >= 100 && after === 1, `lesson 2 recorded ${before} → ${after}`);
  assert.equal(previewHeadline(starter, solution), `${before} connections → 1`);
});

test('a failing starter is told as a failure, not as the one connection it saved', () => {
  const [starter, solution] = [recording('11-a-proxy-in-the-middle', 'starter'), recording('11-a-proxy-in-the-middle', 'solution')];
  assert.notEqual(summarise(starter.events).clientExitCode, 0);
  assert.equal(previewHeadline(starter, solution), 'client fails → completes');
});

test('a hang is told in seconds', () => {
  const [starter, solution] = [recording('10-deadlines', 'starter'), recording('10-deadlines', 'solution')];
  const seconds = (run: Recording) => `${(run.end.durationMs / 1000).toFixed(1)} s`;
  assert.equal(previewHeadline(starter, solution), `${seconds(starter)} → ${seconds(solution)}`);
});

test('every lesson gets a headline from its own runs', () => {
  for (const lesson of readdirSync(LESSONS_DIR)) {
    const headline = previewHeadline(recording(lesson, 'starter'), recording(lesson, 'solution'));
    assert.match(headline, /^(\d+ connections? → \d+|client fails → completes|\d+\.\d s → \d+\.\d s|peak \d+ open → \d+)$/, `${lesson}: ${headline}`);
  }
});

test('long titles wrap to two lines and end in an ellipsis past them', () => {
  assert.deepEqual(wrap('The leak', 1072, 57, 2), ['The leak']);
  const lines = wrap('A proxy in the middle: the load balancer’s 502 and a title far too long to fit on two lines of the image', 1072, 57, 2);
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /…$/);
});

test('the image is a 1200x630 PNG, drawn once, and a changed recording gives a new image at a new address', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'kal-previews-'));
  try {
    const [starter, solution] = [recording('02-the-leak', 'starter'), recording('02-the-leak', 'solution')];
    const card = lessonPreviewCard('The leak', 2, 11, starter, solution);
    const first = await previewImage(linkPreview('the-leak', card), cache);
    assert.equal(first.drawn, true);
    assert.deepEqual([...first.png.subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join(''), 'PNG');
    const view = Buffer.from(first.png);
    assert.deepEqual([view.readUInt32BE(16), view.readUInt32BE(20)], [1200, 630]);

    const again = await previewImage(linkPreview('the-leak', lessonPreviewCard('The leak', 2, 11, starter, solution)), cache);
    assert.equal(again.drawn, false, 'the same recordings are not drawn again');
    assert.deepEqual(Buffer.from(again.png), view);

    // The starter recorded again, leaking half as much: its last samples show 100 open, not 200.
    const rerecorded: Recording = structuredClone(starter);
    for (const event of rerecorded.events) {
      if (event.type === 'meter' && event.process === 'server') {
        event.counts.server.open = Math.min(event.counts.server.open, 100);
        if (event.counts.server.peak !== undefined) event.counts.server.peak = Math.min(event.counts.server.peak, 100);
      }
    }
    const changed = lessonPreviewCard('The leak', 2, 11, rerecorded, solution);
    const redrawn = await previewImage(linkPreview('the-leak', changed), cache);
    assert.equal(redrawn.drawn, true, 'a changed recording is drawn anew');
    assert.notDeepEqual(Buffer.from(redrawn.png), view);
    assert.notEqual(linkPreview('the-leak', changed).path, linkPreview('the-leak', card).path, 'chat apps cache by URL: the address changes with the image');
    assert.match(linkPreview('the-leak', changed).alt, /Starter: peak 100 open/);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
