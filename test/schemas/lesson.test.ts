// A lesson with a missing or wrong frontmatter field must fail the build, naming the lesson file
// and the field. Runs Astro's real content sync on a copy of the project with one bad lesson.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '../bin/astro.mjs');

/** Runs `astro sync` on a copy of the project whose only lesson is made by `makeLesson`. */
function syncWithLesson(t: { after(fn: () => void): void }, makeLesson: (folder: string) => void) {
  const project = mkdtempSync(join(tmpdir(), 'lab-bad-lesson-'));
  t.after(() => rmSync(project, { recursive: true, force: true }));
  for (const entry of ['src', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(project, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  const lesson = join(project, 'content/lessons/01-broken');
  mkdirSync(lesson, { recursive: true });
  makeLesson(lesson);
  const result = spawnSync(process.execPath, [astro, 'sync'], { cwd: project, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  return { status: result.status, output: result.stdout + result.stderr };
}

function writeCode(folder: string, names = ['server.js', 'client.js']) {
  mkdirSync(folder, { recursive: true });
  for (const name of names) writeFileSync(join(folder, name), '// code\n');
}

const GOOD_FRONTMATTER = [
  '---',
  'title: A broken lesson',
  'description: A lesson made broken on purpose, to see the build refuse it.',
  'duration: 5',
  'instructor: { points: [Say what the meter shows.], question: What would you expect to see? }',
  'keyLine: { file: client.js, text: code }',
  'challenges:',
  '  - { id: fewer, title: Fewer connections, task: Make the client use fewer connections than it does now., expect: { accepted: { atMost: 1 } } }',
  '---',
  '',
  'Text.',
  '',
].join('\n');

test('a lesson with a missing and a mistyped field fails the build, naming the file and both fields', (t) => {
  const { status, output } = syncWithLesson(t, (lesson) => {
    writeCode(join(lesson, 'files'));
    writeCode(join(lesson, 'solution'));
    writeFileSync(join(lesson, 'index.mdx'), '---\ntitle: A broken lesson\nopenFile: 42\n---\n\nText.\n');
  });
  assert.notEqual(status, 0, output);
  assert.match(output, /content\/lessons\/01-broken\/index\.mdx/);
  assert.match(output, /description/);
  assert.match(output, /openFile/);
});

test('a claim the schema cannot parse fails the build, naming the field', (t) => {
  const { status, output } = syncWithLesson(t, (lesson) => {
    writeCode(join(lesson, 'files'));
    writeCode(join(lesson, 'solution'));
    writeFileSync(join(lesson, 'index.mdx'), GOOD_FRONTMATTER.replace('---\n\n', 'claims:\n  - run: starter\n    says: Something measurable happens.\n    expect: { openSockets: { atMost: 1 } }\n---\n\n'));
  });
  assert.notEqual(status, 0, output);
  assert.match(output, /content\/lessons\/01-broken\/index\.mdx/);
  assert.match(output, /claims/);
});

test('a lesson without a solution fails the build, naming the lesson and the fix', (t) => {
  const { status, output } = syncWithLesson(t, (lesson) => {
    writeCode(join(lesson, 'files'));
    writeFileSync(join(lesson, 'index.mdx'), GOOD_FRONTMATTER);
  });
  assert.notEqual(status, 0, output);
  assert.match(output, /01-broken has no solution\/ folder\. Add one with the files it changes/);
});

test('a challenge without its reference answer fails the build, naming the folder', (t) => {
  const { status, output } = syncWithLesson(t, (lesson) => {
    writeCode(join(lesson, 'files'));
    writeCode(join(lesson, 'solution'));
    writeCode(join(lesson, 'challenges/fewer/starter'), ['client.js']);
    writeFileSync(join(lesson, 'index.mdx'), GOOD_FRONTMATTER);
  });
  assert.notEqual(status, 0, output);
  assert.match(output, /01-broken has no challenges\/fewer\/reference\/ folder/);
});

test('a lesson without instructor notes, duration or challenge fails the build, naming the fields', (t) => {
  const { status, output } = syncWithLesson(t, (lesson) => {
    writeCode(join(lesson, 'files'));
    writeCode(join(lesson, 'solution'));
    writeFileSync(join(lesson, 'index.mdx'), '---\ntitle: A broken lesson\ndescription: A lesson made broken on purpose, to see the build refuse it.\n---\n\nText.\n');
  });
  assert.notEqual(status, 0, output);
  for (const field of ['duration', 'instructor', 'challenges']) assert.match(output, new RegExp(field));
});

test('an openFile that is not among the files fails the build', (t) => {
  const { status, output } = syncWithLesson(t, (lesson) => {
    writeCode(join(lesson, 'files'));
    writeCode(join(lesson, 'solution'));
    writeFileSync(join(lesson, 'index.mdx'), GOOD_FRONTMATTER.replace('---\n\n', 'openFile: agent.js\n---\n\n'));
  });
  assert.notEqual(status, 0, output);
  assert.match(output, /openFile "agent\.js" is not in files\/ \(server\.js, client\.js\)/);
});
