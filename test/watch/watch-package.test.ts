// The leak finder as a package: `npm pack` holds the command, the meter and nothing of the site,
// it installs with no dependencies and no build step, and `npx keep-alive-lab watch` runs from it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;

test('npm pack: the command, the meter and per-test mode only, no dependencies; installed offline, npx keep-alive-lab watch and --import keep-alive-lab/test run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kal-pack-'));
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir, ROOT], { encoding: 'utf8' })) as {
      filename: string;
      size: number;
      unpackedSize: number;
      files: { path: string; size: number }[];
    }[];
    // README states the package's size; it must be today's, to the tenth of a kB.
    const kB = (bytes: number) => (bytes / 1000).toFixed(1);
    const readme = packed!.files.find((file) => file.path === 'README.md')!;
    const stated = `\`npm pack\` gives ${packed!.files.length} files, ${kB(packed!.size)} kB packed (${kB(packed!.unpackedSize)} kB unpacked)`;
    const readmeText = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    assert.ok(readmeText.includes(stated), `README should say: ${stated}`);
    assert.ok(readmeText.includes(`this README (${kB(readme.size)} kB of the ${kB(packed!.unpackedSize)})`), `README should give its own size as ${kB(readme.size)} kB of the ${kB(packed!.unpackedSize)}`);
    assert.deepEqual(packed!.files.map((file) => file.path).sort(), [
      'README.md',
      'bin/keep-alive-lab.js',
      'package.json',
      'src/meter/call-site.js',
      'src/meter/meter.js',
      'src/meter/responses-http.js',
      'src/meter/responses-ledger.js',
      'src/meter/responses-undici.js',
      'src/meter/responses.js',
      'src/meter/watch-process.js',
      'src/per-test/jest.cjs',
      'src/per-test/node-test.js',
      'src/per-test/tracker.js',
      'src/per-test/vitest.js',
      'src/watch/args.js',
      'src/watch/collect.js',
      'src/watch/live-panel.js',
      'src/watch/report.js',
      'src/watch/watch.js',
    ]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined, 'the package must install without the site’s (or any) dependencies');

    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "someone-elses-service", "private": true }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed!.filename)], { cwd: project, stdio: 'ignore' });
    writeFileSync(join(project, 'app.js'), "console.log('app ran');\n");
    const output = execFileSync('npx', ['--no-install', 'keep-alive-lab', 'watch', '--', process.execPath, 'app.js'], {
      cwd: project,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(output, 'app ran\n');
    // Per-test mode from the installed package, by its export: a test that makes no request passes.
    writeFileSync(join(project, 'quiet.test.mjs'), "import { test } from 'node:test';\ntest('makes no request', () => {});\n");
    const { NODE_TEST_CONTEXT: _runner, ...env } = process.env;
    const perTest = spawnSync(process.execPath, ['--test', '--import', 'keep-alive-lab/test', 'quiet.test.mjs'], { cwd: project, encoding: 'utf8', env });
    assert.equal(perTest.status, 0, perTest.stdout + perTest.stderr);
    assert.match(perTest.stdout, /pass 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm publish --dry-run: publishable as it is, the same 19 files, and no warning but the login a dry run lacks', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; private?: boolean };
  assert.equal(manifest.private, undefined, 'a private package cannot be published');
  const result = spawnSync('npm', ['publish', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const published = (JSON.parse(result.stdout) as Record<string, { id: string; files: unknown[] }>)['keep-alive-lab'];
  assert.equal(published?.id, `keep-alive-lab@${manifest.version}`);
  assert.equal(published?.files.length, 19);
  const warnings = result.stderr.split('\n').filter((line) => line.startsWith('npm warn') && !/requires you to be logged in/.test(line));
  assert.deepEqual(warnings, []);
});
