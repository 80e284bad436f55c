// The kit's harness page goes only into the kit's own build: a normal `npm run build` (the
// deploy) must not ship a page that boots WebContainer and runs whatever it is sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HARNESS_ENV, HARNESS_PATH, verifyHarness } from '../../../src/build/verify-harness.ts';

function setUp(env: string | undefined) {
  const injected: { pattern: string; entrypoint: string | URL }[] = [];
  const updates: unknown[] = [];
  const before = process.env[HARNESS_ENV];
  if (env === undefined) delete process.env[HARNESS_ENV];
  else process.env[HARNESS_ENV] = env;
  try {
    const hook = verifyHarness().hooks['astro:config:setup'] as (options: unknown) => void;
    hook({ config: { root: new URL('file:///project/') }, injectRoute: (route: { pattern: string; entrypoint: string | URL }) => injected.push(route), updateConfig: (update: unknown) => updates.push(update) });
  } finally {
    if (before === undefined) delete process.env[HARNESS_ENV];
    else process.env[HARNESS_ENV] = before;
  }
  return { injected, updates };
}

test('without KAL_VERIFY_HARNESS=1 the build gets no harness page', () => {
  for (const env of [undefined, '', '0', 'true']) assert.deepEqual(setUp(env), { injected: [], updates: [] }, `KAL_VERIFY_HARNESS=${env}`);
});

test('with it, the harness page is added, and the build caches apart from a normal one', () => {
  const { injected, updates } = setUp('1');
  assert.deepEqual(injected.map((route) => route.pattern), [HARNESS_PATH]);
  assert.deepEqual(updates, [{ cacheDir: new URL('file:///project/verify-report/astro-cache/') }]);
});
