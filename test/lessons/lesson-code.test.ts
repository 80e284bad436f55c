// A lesson's code is read once, whole, and checked as it is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeOf, readLessonCode } from '../../src/lessons/lesson-code.ts';
import { LessonContentError } from '../../src/schemas/lesson-content-error.ts';
import { readLessonFiles, challengeRun } from '../../src/lessons/lesson-files.ts';
import { linesHolding } from '../../src/run/key-line.ts';
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

test('every lesson marks the line it is about, and that line is in its starter file exactly once', () => {
  for (const lesson of lessonsOnDisk()) {
    const { keyLine } = lesson.frontmatter;
    assert.ok(keyLine, `${lesson.id}: no keyLine in its frontmatter`);
    const file = readLessonFiles(lesson.folder, 'starter').find((candidate) => candidate.name === keyLine.file);
    assert.ok(file, `${lesson.id}: keyLine names ${keyLine.file}, not in files/`);
    assert.equal(linesHolding(file.content, keyLine.text).length, 1, `${lesson.id}: "${keyLine.text}" in ${keyLine.file}`);
  }
});

test('a keyLine found in no line, or in several, is a content error saying which', () => {
  const [lesson] = lessonsOnDisk();
  assert.ok(lesson);
  const read = (text: string) => () => readLessonCode(lesson.folder, { ...lesson.frontmatter, keyLine: { file: 'client.js', text } }, 'content/lessons/x/index.mdx');
  assert.throws(read('no such line in the file'), /keyLine "no such line in the file" must match exactly one line of files\/client\.js, but no line holds it/);
  assert.throws(read('http'), /keyLine "http" must match exactly one line of files\/client\.js, but lines \d+, \d+/);
  assert.throws(
    () => readLessonCode(lesson.folder, { ...lesson.frontmatter, keyLine: { file: 'agent.js', text: 'http' } }, 'content/lessons/x/index.mdx'),
    /keyLine names "agent\.js", which is not in files\//,
  );
});
