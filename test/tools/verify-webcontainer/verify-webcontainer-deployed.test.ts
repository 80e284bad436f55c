// `npm run verify:webcontainer -- --url …` against a deploy on this machine: the deploy build on a
// plain static server under /keep-alive-lab/ with no headers, as GitHub Pages serves it. The kit
// must find the lesson page isolated by the isolation worker, and must not pass, since WebContainer
// cannot boot without internet (the live boot is for a machine that has it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEPLOY_BUILD } from '../../helpers/deploy-build.ts';
import { runKit } from '../../helpers/run-kit.ts';
import { serveSite } from '../../../tools/verify-webcontainer/site-server.ts';

test('--url finds a headerless deploy isolated by the worker, and does not pass without a live WebContainer', async () => {
  const site = await serveSite(DEPLOY_BUILD.dir, { headersFile: undefined, base: DEPLOY_BUILD.base });
  try {
    // --no-preflight: this machine has no internet, and the point here is the deploy checks.
    const { code, output } = await runKit(['--no-preflight', '--url', `${site.url}/`, '--boot-timeout', '3'], { timeoutMs: 120_000 });

    assert.equal(code, 1, output);
    assert.match(output, /^FAIL: http:\/\/localhost:\d+\/keep-alive-lab$/m);
    assert.match(output, /lesson page: HTTP 200/);
    assert.match(output, /isolation: isolated by the isolation worker \(http:\/\/localhost:\d+\/keep-alive-lab\/isolation-sw\.js\?build=\w+\), the host sends no COEP/);
    const report = JSON.parse(readFileSync(new URL('../../../verify-report/deployed.json', import.meta.url), 'utf8'));
    assert.equal(report.isolation, 'worker');
    assert.equal(report.smoke.ok, false);
    assert.equal(report.ok, false);
  } finally {
    await site.close();
  }
});
