// A lesson with a missing or wrong frontmatter field must fail the build, naming the lesson file
// and the field. Runs Astro's real content sync on a copy of the project with one bad lesson.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '../bin/astro.mjs');

test('a lesson with a missing and a mistyped field fails the build, naming the file and both fields', (t) => {
  const project = mkdtempSync(join(tmpdir(), 'lab-bad-lesson-'));
  t.after(() => rmSync(project, { recursive: true, force: true }));
  for (const entry of ['src', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(project, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  const lesson = join(project, 'content/lessons/01-broken');
  mkdirSync(join(lesson, 'files'), { recursive: true });
  writeFileSync(join(lesson, 'index.mdx'), '---\ntitle: A broken lesson\nopenFile: 42\n---\n\nText.\n');

  const result = spawnSync(process.execPath, [astro, 'sync'], { cwd: project, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const output = result.stdout + result.stderr;
  assert.notEqual(result.status, 0, output);
  assert.match(output, /content\/lessons\/01-broken\/index\.mdx/);
  assert.match(output, /description/);
  assert.match(output, /openFile/);
});
