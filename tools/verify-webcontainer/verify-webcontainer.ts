// `npm run verify:webcontainer`: proves, with a live WebContainer, that the static deploy runs
// every lesson. Preflight first (can this machine reach StackBlitz at all?), then build the site
// with the harness page, serve it with the deploy's headers, run every planned run in real Node
// and inside WebContainer in Chromium, smoke-test a real lesson page, and write verify-report/.
// Exit 0 only when everything ran and passed; 1 when something failed; 2 when it refused to run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { headersFor, parseHeadersFile } from './deploy-headers.ts';
import { decidePreflight, installedWebContainerSources, preflightTargets, probe, webContainerIframeUrl } from './preflight.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const OUT_DIR = join(ROOT, 'verify-report');
const SITE_DIR = join(OUT_DIR, 'site');
const HEADERS_FILE = join(ROOT, 'public/_headers');
const PROBE_TIMEOUT_MS = 10_000;
/** A run's own limit is 60 s (supervise-run.ts); this catches a run that never reports its end. */
const RUN_TIMEOUT_MS = 90_000;

const USAGE = `Usage: npm run verify:webcontainer -- [options]

Needs internet: WebContainer loads from stackblitz.com. Without it the kit refuses within seconds.
  --url URL             check a live deploy instead of a local build: is a lesson page cross-origin
                        isolated there (by headers or the isolation worker), and does lesson 2 run
                        in WebContainer; writes verify-report/deployed.json
  --no-build            reuse the kit's last build in verify-report/site/
  --lesson ID           only this lesson (repeatable; e.g. 02-the-leak); the report says it is partial
  --boot-timeout S      seconds to wait for WebContainer to boot (default 120)
  --port N              serve on 127.0.0.1:N (default: the first free port from 4700 to 4799)
  --headed              show the browser
  --no-preflight        for working on the kit itself: skip the reachability check (a run still
                        passes only if WebContainer really ran everything)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'no-build': { type: 'boolean', default: false },
        'no-preflight': { type: 'boolean', default: false },
        headed: { type: 'boolean', default: false },
        lesson: { type: 'string', multiple: true },
        'boot-timeout': { type: 'string', default: '120' },
        port: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const bootTimeoutMs = Number(values['boot-timeout']) * 1000;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (!(bootTimeoutMs > 0) || (port !== undefined && !Number.isInteger(port))) {
    console.error(`--boot-timeout takes seconds and --port a port number.\n\n${USAGE}`);
    return 2;
  }
  const startedAt = new Date().toISOString();
  const headers = headersFor(parseHeadersFile(readFileSync(HEADERS_FILE, 'utf8')), '/');

  // 1. Preflight, before anything slow: without StackBlitz nothing below can prove anything.
  let preflight = 'skipped (--no-preflight)';
  if (!values['no-preflight']) {
    const decision = await runPreflight(headers['Cross-Origin-Embedder-Policy'] ?? 'require-corp');
    if (!decision.go) {
      console.error(decision.message);
      return 2;
    }
    preflight = decision.summary;
    console.log(preflight);
  }

  // 2a. A live deploy: what a learner there meets, without the harness (it is not deployed).
  if (values.url !== undefined) return verifyDeployedUrl(values.url, values.headed, bootTimeoutMs);

  // 2. The site, with the harness page that only this build has.
  if (!values['no-build']) {
    console.log('Building the site with the verification harness into verify-report/site/ …');
    const build = spawnSync('npm', ['run', 'build', '--', '--outDir', SITE_DIR], {
      cwd: ROOT,
      stdio: 'inherit',
      // Served at `/` below: a BASE_PATH meant for a deploy must not reach this build.
      env: { ...process.env, BASE_PATH: '', KAL_VERIFY_HARNESS: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) {
      console.error('The build failed (see above), so nothing was verified.');
      return 1;
    }
  }
  const { HARNESS_PATH } = await import('../../src/build/verify-harness.ts');
  if (!existsSync(join(SITE_DIR, HARNESS_PATH, 'index.html'))) {
    console.error(`verify-report/site/ has no harness page (${HARNESS_PATH}); run without --no-build to build it.`);
    return 1;
  }

  // 3. Serve, open Chromium, run everything. Heavy modules load only now, after the preflight.
  const { verifySite } = await import('./verify-site.ts');
  const report = await verifySite({ siteDir: SITE_DIR, headersFile: HEADERS_FILE, port, headed: values.headed, bootTimeoutMs, runTimeoutMs: RUN_TIMEOUT_MS, lessons: values.lesson, startedAt, preflight });

  mkdirSync(OUT_DIR, { recursive: true });
  const { renderMarkdown, summaryLine } = await import('./report.ts');
  writeFileSync(join(OUT_DIR, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(OUT_DIR, 'report.md'), renderMarkdown(report));
  console.log(`\n${summaryLine(report)}`);
  if (!report.smoke.ok) console.log(`Lesson page smoke: ${report.smoke.detail}`);
  console.log(`Report: ${relative(process.cwd(), join(OUT_DIR, 'report.md'))} and report.json`);
  return report.ok ? 0 : 1;
}

async function verifyDeployedUrl(url: string, headed: boolean, bootTimeoutMs: number): Promise<number> {
  if (!/^https?:\/\/[^/]/.test(url)) {
    console.error(`--url takes the deploy's address, such as https://you.github.io/keep-alive-lab/, got "${url}".`);
    return 2;
  }
  const { deployedSummary, verifyDeployed } = await import('./verify-deployed.ts');
  console.log(`Checking the deploy at ${url} …`);
  const report = await verifyDeployed(url, { headed, bootTimeoutMs });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'deployed.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${deployedSummary(report)}`);
  console.log(`Report: ${relative(process.cwd(), join(OUT_DIR, 'deployed.json'))}`);
  return report.ok ? 0 : 1;
}

async function runPreflight(coep: string) {
  // Tests point this at a host that cannot resolve, to check the refusal on a machine that has internet.
  const override = process.env.KAL_VERIFY_PREFLIGHT_URLS?.split(',').filter(Boolean);
  const targets = override ?? preflightTargets(webContainerIframeUrl(installedWebContainerSources(), coep));
  console.log(`Preflight: can this machine reach WebContainer's hosts? ${targets.join(', ')}${override ? ' (from KAL_VERIFY_PREFLIGHT_URLS)' : ''}`);
  return decidePreflight(await Promise.all(targets.map((url) => probe(url, PROBE_TIMEOUT_MS))));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify:webcontainer stopped: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
