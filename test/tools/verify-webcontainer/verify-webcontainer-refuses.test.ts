// The real `npm run verify:webcontainer` on a machine that cannot reach StackBlitz: it must say
// so within a minute, before building anything, and exit non-zero. It never passes without runs.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { runKit } from '../../helpers/run-kit.ts';
import { probe } from '../../../tools/verify-webcontainer/preflight.ts';

const BUILD_STAMP = new URL('../../../verify-report/site/.built-at', import.meta.url).pathname;

test('without StackBlitz it refuses within a minute, says why and where to run it, and builds nothing', async (t) => {
  // Where stackblitz.com answers, the refusal is checked against a host that cannot resolve
  // (.invalid never does, RFC 2606), so this test checks the same path on every machine.
  const env = { ...process.env };
  if ((await probe('https://stackblitz.com/', 5_000)).status !== undefined) {
    env.KAL_VERIFY_PREFLIGHT_URLS = 'https://stackblitz.invalid/';
    t.diagnostic('stackblitz.com is reachable here; the preflight was pointed at an unresolvable host');
  }
  const stampBefore = existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : undefined;
  const { code, output, seconds } = await runKit([], { env, timeoutMs: 60_000 });

  assert.ok(seconds < 60, `took ${seconds} s`);
  assert.notEqual(code, 0, output);
  assert.notEqual(code, null, `killed after 60 s without an answer:\n${output}`);
  assert.match(output, /cannot reach the hosts WebContainer boots from/);
  assert.match(output, /no answer \(/);
  assert.match(output, /nothing was built, served or run, and this proves nothing/);
  assert.match(output, /on a machine with internet access/);
  assert.doesNotMatch(output, /Building the site|astro build|PASS/);
  assert.equal(existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : undefined, stampBefore, 'the kit built the site before refusing');
});
