// A lesson's content errors are told from crashes by type, keep their wording, and carry a hint.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AstroError } from 'astro/errors';
import { LessonContentError } from '../../src/schemas/lesson-content-error.ts';
import { readLessonFiles } from '../../src/lessons/lesson-files.ts';

test('a lesson without a solution/ folder throws a LessonContentError that Astro shows with its hint', (t) => {
  const lesson = mkdtempSync(join(tmpdir(), 'lesson-'));
  t.after(() => rmSync(lesson, { recursive: true, force: true }));
  mkdirSync(join(lesson, 'files'));
  for (const name of ['server.js', 'client.js']) writeFileSync(join(lesson, 'files', name), '');
  assert.equal(readLessonFiles(lesson, 'starter').length, 2);
  assert.throws(
    () => readLessonFiles(lesson, 'solution'),
    (error: unknown) => {
      assert.ok(error instanceof LessonContentError);
      assert.ok(AstroError.is(error), 'Astro recognises it as an error for the user');
      assert.match(error.message, /has no solution\/ folder\. Add one with the files it changes\.$/);
      assert.match(error.hint ?? '', /Writing a lesson/);
      return true;
    },
  );
});
