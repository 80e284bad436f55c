// What the isolation worker (public/isolation-sw.js) costs a reader: the deploy build served with
// no headers (GitHub Pages) against the same build served with them (Netlify, Cloudflare). A first
// visit to a lesson page, timed until the page is cross-origin isolated, and a second visit.
import type { Browser, Page } from '@playwright/test';
import { DEPLOY_BUILD } from '../../test/helpers/deploy-build.ts';
import { serveSite } from '../verify-webcontainer/site-server.ts';
import type { Figure } from './figures.ts';

const HEADERS_FILE = new URL('../../public/_headers', import.meta.url).pathname;

async function untilIsolated(page: Page, started: number): Promise<number> {
  for (;;) {
    if (await page.evaluate(() => crossOriginIsolated).catch(() => false)) return performance.now() - started;
    if (performance.now() - started > 30_000) throw new Error('the lesson page was not isolated within 30 s');
    await page.waitForTimeout(10);
  }
}

async function visits(browser: Browser, headers: boolean, repeats: number): Promise<{ first: number[]; again: number[] }> {
  const site = await serveSite(DEPLOY_BUILD.dir, { headersFile: headers ? HEADERS_FILE : undefined, base: DEPLOY_BUILD.base });
  await site.warmUp();
  const first: number[] = [];
  const again: number[] = [];
  try {
    for (let i = 0; i < repeats; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let started = performance.now();
      await page.goto(`${site.url}/lessons/the-leak/`);
      first.push(await untilIsolated(page, started));
      started = performance.now();
      await page.goto(`${site.url}/lessons/the-leak/`);
      again.push(await untilIsolated(page, started));
      await context.close();
    }
  } finally {
    await site.close();
  }
  return { first, again };
}

export async function isolationFigures(browser: Browser, repeats: number): Promise<Figure[]> {
  const worker = await visits(browser, false, repeats);
  const headers = await visits(browser, true, repeats);
  return [
    { name: 'Static host, headers sent: first visit to a lesson page until isolated', unit: 'ms', samples: headers.first },
    { name: 'Static host, no headers (isolation worker): first visit until isolated, one reload', unit: 'ms', samples: worker.first },
    { name: 'Static host, headers sent: second visit until isolated', unit: 'ms', samples: headers.again },
    { name: 'Static host, no headers (isolation worker): second visit until isolated', unit: 'ms', samples: worker.again },
  ];
}
