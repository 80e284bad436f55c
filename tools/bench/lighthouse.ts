// Lighthouse's mobile preset (its default: simulated slow 4G and a 4x slower CPU) on a page,
// in Debian's Chromium. Scores are 0-100 per category.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from './browser.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

export interface LighthouseRun {
  scores: Scores;
  /** Every URL the page requested while Lighthouse recorded it. */
  urls: string[];
}

export interface LighthouseSession {
  scores(url: string): Promise<Scores>;
  run(url: string): Promise<LighthouseRun>;
  close(): Promise<void>;
}

export async function startLighthouse(): Promise<LighthouseSession> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const session: LighthouseSession = {
    async scores(url) {
      return (await session.run(url)).scores;
    },
    async run(url) {
      // Lighthouse sometimes fails to record a trace (NO_NAVSTART and friends) and asks to be run
      // again; a page that really does not load fails all three tries.
      let lastError = '';
      for (let attempt = 1; attempt <= 3; attempt++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}.`);
        const { audits, categories, runtimeError } = result.lhr;
        if (!runtimeError) {
          const items = (audits['network-requests']?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
          return {
            scores: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)])) as Scores,
            urls: items.map((item) => item.url ?? ''),
          };
        }
        lastError = `${runtimeError.code}: ${runtimeError.message}`;
      }
      throw new Error(`Lighthouse could not load ${url} in 3 tries: ${lastError}`);
    },
    async close() {
      chrome.kill();
    },
  };
  return session;
}
