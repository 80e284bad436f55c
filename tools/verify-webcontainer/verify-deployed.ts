// `npm run verify:webcontainer -- --url https://you.github.io/keep-alive-lab/`: checks a deploy
// that is already live, instead of a local build. It cannot run the harness (that page is only in
// the kit's own build), so it proves what a learner on that site meets: whether lesson pages are
// cross-origin isolated there, and how (the host's headers, or the isolation worker after the
// first load), and whether lesson 2 runs in WebContainer with the socket meter counting.
import { launchChromium, smokeLessonPage } from './browser-session.ts';
import type { SmokeResult } from './report.ts';

export interface DeployedReport {
  url: string;
  checkedAt: string;
  browser: string;
  /** The lesson page's status and the isolation headers the host sent with it. */
  lessonPage: { status: number | undefined; coop: string | undefined; coep: string | undefined };
  /** How the page became isolated in Chromium, if it did. */
  isolation: 'headers' | 'worker' | 'none';
  isolationDetail: string;
  smoke: SmokeResult;
  ok: boolean;
}

const ISOLATION_WAIT_MS = 15_000;

export async function verifyDeployed(siteUrl: string, options: { headed: boolean; bootTimeoutMs: number }): Promise<DeployedReport> {
  const base = siteUrl.replace(/\/+$/, '');
  const lessonUrl = `${base}/lessons/the-leak/`;
  const response = await fetch(lessonUrl, { redirect: 'follow', signal: AbortSignal.timeout(15_000) }).catch(() => undefined);
  const lessonPage = {
    status: response?.status,
    coop: response?.headers.get('cross-origin-opener-policy') ?? undefined,
    coep: response?.headers.get('cross-origin-embedder-policy') ?? undefined,
  };
  const browser = await launchChromium(options.headed);
  try {
    const page = await browser.newPage();
    let isolation: DeployedReport['isolation'] = 'none';
    let isolationDetail: string;
    try {
      await page.goto(lessonUrl);
      const deadline = Date.now() + ISOLATION_WAIT_MS;
      let isolated = false;
      while (!isolated && Date.now() < deadline) {
        isolated = await page.evaluate(() => crossOriginIsolated).catch(() => false);
        if (!isolated) await page.waitForTimeout(250);
      }
      const worker = await page.evaluate(() => navigator.serviceWorker?.controller?.scriptURL ?? '').catch(() => '');
      if (isolated) isolation = lessonPage.coep ? 'headers' : 'worker';
      isolationDetail = isolated
        ? isolation === 'headers'
          ? `isolated by the host's headers (COOP ${lessonPage.coop}, COEP ${lessonPage.coep})`
          : `isolated by the isolation worker (${worker}), the host sends no COEP`
        : `not cross-origin isolated within ${ISOLATION_WAIT_MS / 1000} s: the host sends ${lessonPage.coep ? `COEP ${lessonPage.coep}` : 'no COEP'}${worker ? `, and the worker ${worker} controls the page` : ', and no isolation worker controls the page'}`;
    } catch (error) {
      isolationDetail = `the lesson page did not load: ${(error as Error).message.split('\n')[0]}`;
    } finally {
      await page.close();
    }
    const smoke: SmokeResult =
      isolation === 'none' ? { ok: false, detail: 'not tried: WebContainer needs a cross-origin isolated page' } : await smokeLessonPage(browser, base, 'webcontainer', options.bootTimeoutMs);
    return {
      url: base,
      checkedAt: new Date().toISOString(),
      browser: `Chromium ${browser.version()}`,
      lessonPage,
      isolation,
      isolationDetail,
      smoke,
      ok: lessonPage.status === 200 && isolation !== 'none' && smoke.ok,
    };
  } finally {
    await browser.close();
  }
}

export function deployedSummary(report: DeployedReport): string {
  return [
    `${report.ok ? 'PASS' : 'FAIL'}: ${report.url}`,
    `  lesson page: ${report.lessonPage.status === undefined ? 'no answer' : `HTTP ${report.lessonPage.status}`}`,
    `  isolation: ${report.isolationDetail}`,
    `  lesson 2 in WebContainer: ${report.smoke.detail}`,
  ].join('\n');
}
