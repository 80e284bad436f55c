// A deploy to a static host that serves the lab under a path and sends no headers at all, as a
// GitHub Pages project site does: the deploy build (dist-base/, BASE_PATH=/keep-alive-lab/) on a
// plain static server (playwright.config.ts). Every request stays under the base path, nothing
// is missing, and lesson pages become cross-origin isolated through the isolation worker
// (public/isolation-sw.js) with no click from the learner.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEPLOY_BUILD, STATIC_HOST_PORT } from '../test/helpers/deploy-build.ts';
import { serveSite } from '../tools/verify-webcontainer/site-server.ts';
import { LessonPage } from './lesson-page.ts';
import { searchFor } from './site-search.ts';

const { base } = DEPLOY_BUILD;
const host = `http://localhost:${STATIC_HOST_PORT}`;

/** Requests to this host outside the base path, and every 404, as the page makes them. */
function strayRequests(page: Page, origin = host): string[] {
  const strays: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && !url.pathname.startsWith(base)) strays.push(`outside ${base}: ${url.pathname}`);
  });
  page.on('response', (response) => {
    if (response.status() === 404) strays.push(`404: ${response.url()}`);
  });
  return strays;
}

const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated).catch(() => false);

test('walking the site under its base path: every page, the editor and search, nothing outside it and nothing missing', async ({ page }) => {
  const strays = strayRequests(page);
  const lesson = new LessonPage(page);
  await page.goto(`${host}${base}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Keep-Alive Lab' })).toBeVisible();

  await page.getByRole('link', { name: 'The leak', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`${base}lessons/the-leak/`);
  // The editor's chunks, its worker and Node's types, all fetched from under the base path.
  const nodeTypes = page.waitForResponse((response) => response.url().endsWith(`${base}editor-types/node.json`));
  await lesson.typeAtLine('client.js', '200 requests answered', ' // under a base path');
  expect((await nodeTypes).status()).toBe(200);

  await page.getByRole('link', { name: 'Draining vs. destroying →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draining vs. destroying' })).toBeVisible();
  await page.getByRole('link', { name: 'Reference', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reference' })).toBeVisible();
  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workshop agenda' })).toBeVisible();

  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await searchFor(page, 'resume');
  await page.getByRole('link', { name: /^The leak\b/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'The leak' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`${base}lessons/the-leak/`);
  // The edit made before is still there: nothing was lost on the way.
  await expect(page.getByRole('tabpanel', { name: 'client.js' })).toContainText('// under a base path');

  // A missing page gets the lab's 404 page, whose own links and assets are under the base path.
  const missing = await page.goto(`${host}${base}no-such-page/`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  const asked = `404: ${host}${base}no-such-page/`;
  expect(strays).toContain(asked);
  strays.splice(strays.indexOf(asked), 1);
  await page.getByRole('link', { name: 'See all lessons' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keep-Alive Lab' })).toBeVisible();

  expect(strays).toEqual([]);
});

test('with no COOP or COEP from the host, a lesson page becomes cross-origin isolated on the first visit, with no click, and WebContainer gets as far as it can offline', async ({ page }) => {
  const strays = strayRequests(page);
  const lesson = new LessonPage(page);
  const response = await page.goto(`${host}${base}lessons/the-leak/?runtime=webcontainer&webcontainer-timeout=4`);
  expect(response?.headers()['cross-origin-embedder-policy']).toBeUndefined();
  await expect.poll(() => isolated(page), { timeout: 15_000 }).toBe(true);
  await expect(page.getByRole('combobox', { name: 'Runs in' })).toHaveValue('webcontainer');
  // The existing offline path: WebContainer's frame cannot load from stackblitz.com here.
  await lesson.staticCode('client.js').getByText('200 requests answered').click();
  await expect(lesson.runStatus).toHaveText(/did not start in this browser within 4 s/, { timeout: 15_000 });
  expect(await isolated(page)).toBe(true);
  expect(strays).toEqual([]);
});

test('after a deploy the worker serves the new lab, not the old one, and installs the new build’s worker', async ({ browser }) => {
  test.setTimeout(120_000);
  // A deploy of our own to change: a copy of the build, served the same way on another port.
  const folder = mkdtempSync(join(tmpdir(), 'kal-deploy-'));
  cpSync(DEPLOY_BUILD.dir, folder, { recursive: true });
  const site = await serveSite(folder, { headersFile: undefined, base });
  await site.warmUp();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}/lessons/the-leak/`);
    await expect.poll(() => isolated(page), { timeout: 15_000 }).toBe(true);
    const workerBefore = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
    const build = /\?build=([\w-]+)$/.exec(workerBefore)?.[1];
    expect(build, workerBefore).toBeTruthy();

    // The next deploy: a changed page, from a build with a new id.
    const pageFile = join(folder, 'lessons/the-leak/index.html');
    const html = readFileSync(pageFile, 'utf8');
    expect(html).toContain(`?build=${build}`);
    writeFileSync(pageFile, html.replaceAll(`?build=${build}`, '?build=next-deploy').replace(/(<h1[^>]*>)The leak<\/h1>/, '$1The leak, redeployed</h1>'));

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'The leak, redeployed' })).toBeVisible();
    // The new worker takes over once the old one has no request in flight (the editor's files may
    // be on their way), so this can take a moment on a busy machine.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => `active ${r?.active?.scriptURL} ${r?.active?.state} waiting ${r?.waiting?.scriptURL} installing ${r?.installing?.scriptURL}`)), { timeout: 45_000 }).toMatch(/^active \S+\?build=next-deploy /);
    expect(await isolated(page)).toBe(true);
  } finally {
    await context.close();
    await site.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('under `npm start`, which sends the headers, no page installs the worker', async ({ page }) => {
  await page.goto('/lessons/the-leak/');
  expect(await isolated(page)).toBe(true);
  await expect(new LessonPage(page).runStatus).toHaveText(/Ready: code runs with the local runner/);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((registrations) => registrations.length))).toBe(0);
});
