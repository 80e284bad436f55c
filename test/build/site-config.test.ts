// SITE_URL and BASE_PATH (src/build/site-config.ts) and the paths built from them (src/run/site-path.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteConfigFrom } from '../../src/build/site-config.ts';
import { basePath, sitePath } from '../../src/run/site-path.ts';

test('without either, the site is served at / with no absolute URL', () => {
  assert.deepEqual(siteConfigFrom({}), { site: undefined, base: '/' });
});

test('BASE_PATH gets its slashes, however it is written', () => {
  for (const written of ['keep-alive-lab', '/keep-alive-lab', 'keep-alive-lab/', '/keep-alive-lab/']) assert.equal(siteConfigFrom({ BASE_PATH: written }).base, '/keep-alive-lab/', written);
});

test('a project URL in SITE_URL gives the base path too; the two must agree when both are given', () => {
  assert.deepEqual(siteConfigFrom({ SITE_URL: 'https://you.github.io/keep-alive-lab/' }), { site: 'https://you.github.io', base: '/keep-alive-lab/' });
  assert.deepEqual(siteConfigFrom({ SITE_URL: 'https://you.github.io', BASE_PATH: '/keep-alive-lab/' }), { site: 'https://you.github.io', base: '/keep-alive-lab/' });
  assert.throws(() => siteConfigFrom({ SITE_URL: 'https://you.github.io/lab/', BASE_PATH: '/keep-alive-lab/' }), /SITE_URL's path \(\/lab\/\) and BASE_PATH \(\/keep-alive-lab\/\) differ/);
});

test('addresses that cannot be right are refused with what to write instead', () => {
  assert.throws(() => siteConfigFrom({ SITE_URL: 'you.github.io' }), /SITE_URL must be an absolute URL such as https:\/\//);
  assert.throws(() => siteConfigFrom({ SITE_URL: 'ftp://you.github.io/' }), /must start with https:\/\//);
  assert.throws(() => siteConfigFrom({ SITE_URL: 'https://you.github.io/?x=1' }), /without \?query/);
  assert.throws(() => siteConfigFrom({ BASE_PATH: '/a/../b/' }), /BASE_PATH must be a plain path/);
});

test('site paths carry the base path exactly once', () => {
  assert.equal(basePath('/keep-alive-lab'), '/keep-alive-lab/');
  assert.equal(basePath(undefined), '/');
  assert.equal(sitePath('lessons/the-leak/', '/keep-alive-lab/'), '/keep-alive-lab/lessons/the-leak/');
  assert.equal(sitePath('/reference/#watch', '/keep-alive-lab'), '/keep-alive-lab/reference/#watch');
  assert.equal(sitePath('', '/'), '/');
  assert.equal(sitePath('/api/runner'), '/api/runner', 'outside a Vite build the base is /');
});
