// A lesson's code is read once, whole, and checked as it is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeOf, readLessonCode } from '../../src/lessons/lesson-code.ts';
import { LessonContentError } from '../../src/schemas/lesson-content-error.ts';
import { readLessonFiles, challengeRun } from '../../src/lessons/lesson-files.ts';
import { lessonsOnDisk } from '../helpers/lessons.ts';

test('every lesson’s code holds the starter, every run a claim names, and both sides of each challenge', () => {
  for (const lesson of lessonsOnDisk()) {
    const code = readLessonCode(lesson.folder, lesson.frontmatter, lesson.id);
    assert.deepEqual(code.starter, readLessonFiles(lesson.folder, 'starter'));
    const runs = new Set(['starter', 'solution', ...lesson.frontmatter.claims.map((claim) => claim.run)]);
    assert.deepEqual(Object.keys(code.runs).sort(), [...runs].sort(), lesson.id);
    for (const run of runs) assert.deepEqual(code.runs[run], readLessonFiles(lesson.folder, run), `${lesson.id} ${run}`);
    for (const { id } of lesson.frontmatter.challenges) {
      assert.deepEqual(code.challenges[id]?.reference, readLessonFiles(lesson.folder, challengeRun(id, 'reference')), `${lesson.id} ${id}`);
    }
  }
});

test('an openFile that is not among the files is a content error naming the lesson and the files', () => {
  const [lesson] = lessonsOnDisk();
  assert.ok(lesson);
  assert.throws(
    () => readLessonCode(lesson.folder, { ...lesson.frontmatter, openFile: 'agent.js' }, 'content/lessons/x/index.mdx'),
    (error: unknown) => error instanceof LessonContentError && /content\/lessons\/x\/index\.mdx: openFile "agent\.js" is not in files\/ \(server\.js, client\.js\)/.test(error.message),
  );
});

test('codeOf takes the code the loader stored, and reads the folder when the entry has none', () => {
  const [lesson] = lessonsOnDisk();
  assert.ok(lesson);
  const code = readLessonCode(lesson.folder, lesson.frontmatter, lesson.id);
  const stored = { id: lesson.id, data: { ...lesson.frontmatter, code: { ...code, starter: [{ name: 'stored.js', content: '' }] } } };
  assert.equal(codeOf(stored).starter[0]?.name, 'stored.js');
  const bare = { id: lesson.id, filePath: `${lesson.folder}/index.mdx`, data: lesson.frontmatter };
  assert.deepEqual(codeOf(bare), code);
});
