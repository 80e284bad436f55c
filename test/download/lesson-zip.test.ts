// The downloaded lesson runs with plain `node` and shows the leak: the zip the page offers is
// built by the same function, unpacked here, and run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { lessonZip } from '../../src/download/lesson-zip.ts';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';
import { LESSONS_DIR } from '../helpers/lessons.ts';
import { unzip } from '../helpers/unzip.ts';

test('the downloaded leak lesson runs with node and shows the leak', async (t) => {
  const files = readLessonFiles(join(LESSONS_DIR, '02-the-leak'), 'starter');
  const bytes = lessonZip('the-leak', 'The leak', files, {
    meter: readFileSync(new URL('../../src/meter/meter.js', import.meta.url), 'utf8'),
    runner: readFileSync(new URL('../../src/download/run.js', import.meta.url), 'utf8'),
  });
  const folder = mkdtempSync(join(tmpdir(), 'lab-download-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const entries = unzip(bytes);
  assert.deepEqual([...entries.keys()].sort(), [
    'keep-alive-lab-the-leak/.lab/meter.js',
    'keep-alive-lab-the-leak/README.md',
    'keep-alive-lab-the-leak/client.js',
    'keep-alive-lab-the-leak/package.json',
    'keep-alive-lab-the-leak/run.js',
    'keep-alive-lab-the-leak/server.js',
  ]);
  for (const [path, content] of entries) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  const { stdout } = await promisify(execFile)(process.execPath, ['run.js'], {
    cwd: join(folder, 'keep-alive-lab-the-leak'),
    timeout: 30_000,
  });
  const peak = Number(/peak (\d+) open connections/.exec(stdout)?.[1]);
  assert.ok(peak >= 150, stdout.slice(-500));
  assert.match(stdout, /\[meter\] {2}open \d+, accepted 200, requests 200/);
});
