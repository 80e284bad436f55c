// A newcomer's first `npm start` builds the lab, then prints its address. Nothing else should
// stand before it that the newcomer cannot act on: not Rolldown's warning about the directive
// Astro writes into each rendered MDX entry (src/build/astro-directive-warning.ts), nor Astro's
// telemetry notice. The whole lab takes minutes to build, so this builds a copy of the project
// (its real astro.config.mjs, src/build and src/runner) whose only page renders one MDX entry,
// with a fresh home folder, as a first run on a new machine would be.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const DIRECTIVE_WARNING = /MODULE_LEVEL_DIRECTIVE|module level directive/i;
const TELEMETRY_NOTICE = /collects anonymous usage data|astro telemetry disable/i;

/** The project with one MDX entry and one page that renders it, as the lesson pages do. */
function smallLab(): string {
  const project = mkdtempSync(join(tmpdir(), 'lab-quiet-start-'));
  for (const entry of ['src', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, entry), join(project, entry), { recursive: true });
  // The packages, but not the caches: Vite and Astro keep theirs in node_modules/.vite and
  // .astro, and this project's must neither disturb the lab's nor be warmed by them.
  mkdirSync(join(project, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== '.vite' && entry !== '.astro') symlinkSync(join(root, 'node_modules', entry), join(project, 'node_modules', entry));
  }
  rmSync(join(project, 'src/pages'), { recursive: true });
  mkdirSync(join(project, 'src/pages'));
  mkdirSync(join(project, 'content/notes'), { recursive: true });
  writeFileSync(join(project, 'content/notes/one.mdx'), '# One note\n\nRendered through a content collection.\n');
  writeFileSync(
    join(project, 'src/content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      "export const collections = { notes: defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/notes' }) }) };",
    ].join('\n'),
  );
  writeFileSync(
    join(project, 'src/pages/index.astro'),
    [
      '---',
      "import { getEntry, render } from 'astro:content';",
      "const entry = await getEntry('notes', 'one');",
      "if (!entry) throw new Error('content/notes/one.mdx is missing');",
      'const { Content } = await render(entry);',
      '---',
      '<html lang="en"><head><title>One note</title></head><body><main><Content /></main></body></html>',
    ].join('\n'),
  );
  return project;
}

test("npm start's first run prints the build and the lab's address, without directive warnings or a telemetry notice", { timeout: 180_000 }, async (t) => {
  const project = smallLab();
  const home = join(project, 'home');
  mkdirSync(home);
  t.after(() => rmSync(project, { recursive: true, force: true }));
  // `npm start` is `node src/runner/start.ts`. No CI variables (Astro keeps quiet in CI anyway),
  // no ASTRO_TELEMETRY_DISABLED from the caller, and a home where Astro has never run.
  const child = spawn(process.execPath, ['src/runner/start.ts', '--port', '0'], {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  const running = new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      output += String(chunk);
      if (/Keep-Alive Lab is running at/.test(output)) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
  await Promise.race([running, exited]);
  child.kill('SIGTERM');
  await exited;

  assert.match(output, /Building the lab/, output);
  assert.match(output, /Search index: 1 pages/, output);
  assert.match(output, /Keep-Alive Lab is running at http:\/\//, output);
  assert.doesNotMatch(output, DIRECTIVE_WARNING, output);
  assert.doesNotMatch(output, TELEMETRY_NOTICE, output);
});

test("the npm scripts that run astro turn its telemetry off, so they print no notice either", () => {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const astroScripts = Object.entries(scripts).filter(([, command]) => /(^|\s)astro\s/.test(command));
  assert.deepEqual(astroScripts.map(([name]) => name).sort(), ['build', 'check', 'dev']);
  for (const [name, command] of astroScripts) assert.match(command, /^ASTRO_TELEMETRY_DISABLED=1 astro /, `npm run ${name}`);
});
