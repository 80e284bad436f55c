// Figures any tutorial page has, measured the same way for the lab and for the comparison:
// what loads before interaction, and what the editor costs once the learner clicks into code.
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from '@playwright/test';

/** Compressed the way budgets count it: gzip at level 9 of the body, whatever the server sent. */
function gzipKB(body: Buffer): number {
  return gzipSync(body, { level: 9 }).length / 1024;
}

const isScript = (type: string) => /javascript|ecmascript/.test(type);
const isStyle = (type: string) => type.includes('text/css');

export interface PageWeight {
  jsKB: number;
  cssKB: number;
  /** Every script and stylesheet requested, for the editor check and for reports. */
  urls: string[];
}

/** JavaScript and CSS a page loads before any interaction (inline <style> counts as CSS). */
export async function weightBeforeInteraction(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: Promise<{ type: string; url: string; kb: number } | undefined>[] = [];
  const onResponse = (response: Response) => {
    const type = response.headers()['content-type'] ?? '';
    // A body that cannot be read (the request failed, or the page moved on) is left out, never a
    // crash: an unhandled rejection here once ended `npm run bench -- --compare` (issue 18).
    if (isScript(type) || isStyle(type)) {
      bodies.push(response.body().then((body) => ({ type, url: response.url(), kb: gzipKB(body) }), () => undefined));
    }
  };
  context.on('response', onResponse);
  await page.goto(url, { waitUntil: 'networkidle' });
  // What arrives after network idle is not "before interaction"; stop listening before closing.
  context.off('response', onResponse);
  const loaded = (await Promise.all(bodies)).filter((body) => body !== undefined);
  const inlineCss = await page.evaluate(() => [...document.querySelectorAll('style')].map((style) => style.textContent ?? '').join(''));
  await context.close();
  return {
    jsKB: sum(loaded.filter((body) => isScript(body.type)).map((body) => body.kb)),
    cssKB: sum(loaded.filter((body) => isStyle(body.type)).map((body) => body.kb)) + (inlineCss ? gzipKB(Buffer.from(inlineCss)) : 0),
    urls: loaded.map((body) => body.url),
  };
}

export interface EditorTarget {
  /** Clicks where a learner would to start editing. */
  click(page: Page): Promise<void>;
  /** True in the page once keystrokes go into the code (for the lab, before Monaco too). */
  acceptsKeys: () => boolean;
  /** True once the full editor has them (the lab's Monaco); the same as `acceptsKeys` if absent. */
  editorHasKeys?: () => boolean;
  /**
   * True once a Q, typed the moment after the click, is on screen in the code: a keystroke's
   * real wait, busy main thread included. Without it, `acceptsKeys` stands in.
   */
  showsTypedQ?: () => boolean;
  /** The editor's text, to prove a typed key landed. */
  text(page: Page): Promise<string>;
  /** Resolves when every file the editor fetches on its own (workers, types) has arrived. */
  settled(page: Page, responses: Response[]): Promise<void>;
}

export interface EditorLoad {
  /** From the click (the browser's pointerdown) until a keystroke goes into the code, and the editor. */
  interactive: ClickTimes;
  /** Everything fetched from the click until the editor settled, gzip -9. */
  totalKB: number;
  files: { url: string; kb: number }[];
}

/**
 * Records when the page received each pointerdown. Timing starts there, not when the harness
 * calls click(): Playwright's own checks before a click took 100 to 250 ms on this machine, and
 * they are no part of what a learner waits for.
 */
export async function recordPointerDowns(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const downs: number[] = [];
    (window as unknown as { benchPointerDowns: number[] }).benchPointerDowns = downs;
    addEventListener('pointerdown', (event) => downs.push(event.timeStamp), { capture: true });
  });
}

/**
 * Watches, in the page, for the first animation frame in which `ready` holds, and returns a
 * function that resolves to the page's clock at that frame. Watch before the click: a watcher
 * sent after it arrives late (Playwright's click returned 150 to 300 ms after the page had
 * focused the code, here), and asking the time afterwards would add a round trip too.
 */
export async function watchReady(page: Page, ready: () => boolean): Promise<() => Promise<number>> {
  const id = `ready${Math.random().toString(36).slice(2)}`;
  // A string, run by the harness: a page's Content-Security-Policy may forbid new Function.
  await page.evaluate(`(() => {
    const ready = ${ready.toString()};
    const seen = (window.benchReady ??= {});
    const frame = () => (ready() ? (seen[${JSON.stringify(id)}] = performance.now()) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  })()`);
  return async () => {
    const handle = await page.waitForFunction(`window.benchReady?.[${JSON.stringify(id)}]`, null, { timeout: 60_000 });
    return (await handle.jsonValue()) as number;
  };
}

export interface ClickTimes {
  /** Until a key typed the moment after the click shows in the code. */
  keysMs: number;
  /** Until the full editor has the keystrokes. */
  editorMs: number;
}

/**
 * From the last pointerdown the page received until a key typed the moment after the click shows
 * in the code, and until the full editor has the keys; then one more key must land after it.
 */
export async function clickToKeystroke(page: Page, target: EditorTarget): Promise<ClickTimes> {
  const shown = await watchReady(page, target.showsTypedQ ?? target.acceptsKeys);
  const editor = await watchReady(page, target.editorHasKeys ?? target.acceptsKeys);
  await target.click(page);
  if (target.showsTypedQ) await page.keyboard.type('Q');
  const [keysAt, editorAt] = await Promise.all([shown(), editor()]);
  const down = await page.evaluate(() => (window as unknown as { benchPointerDowns: number[] }).benchPointerDowns.at(-1)!);
  await typeAndSee(page, target, target.showsTypedQ ? '9' : 'Q9', 'Q9');
  return { keysMs: keysAt - down, editorMs: editorAt - down };
}

/** Types `text` and waits until the editor shows `expected`: a key that does not land is a failure. */
export async function typeAndSee(page: Page, target: EditorTarget, text: string, expected = text): Promise<void> {
  await page.keyboard.type(text);
  const deadline = Date.now() + 10_000;
  while (!(await target.text(page)).includes(expected)) {
    if (Date.now() > deadline) throw new Error(`The editor at ${page.url()} did not show the typed "${expected}".`);
    await page.waitForTimeout(50);
  }
}

export async function editorLoad(browser: Browser, url: string, target: EditorTarget): Promise<EditorLoad> {
  const context = await browser.newContext();
  await recordPointerDowns(context);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const responses: Response[] = [];
  context.on('response', (response) => responses.push(response));
  const interactive = await clickToKeystroke(page, target);
  await target.settled(page, responses);
  await quiet(responses, 1500);
  const files = await Promise.all(
    responses
      .filter((response) => response.request().method() === 'GET' && response.status() === 200)
      .map(async (response) => ({ url: response.url(), kb: gzipKB(await response.body().catch(() => Buffer.alloc(0))) })),
  );
  await context.close();
  return { interactive, totalKB: sum(files.map((file) => file.kb)), files };
}

/**
 * Waits until the page has started no new request for `ms` (Playwright's networkidle state
 * resolves at once once the page has reached it, so it cannot wait for requests made later).
 */
export async function pageQuiet(page: Page, ms: number): Promise<void> {
  const count = () => page.evaluate(() => performance.getEntriesByType('resource').length);
  let seen = -1;
  for (let now = await count(); now !== seen; now = await count()) {
    seen = now;
    await page.waitForTimeout(ms);
  }
}

/** Waits until no response has arrived for `ms`. */
async function quiet(responses: Response[], ms: number): Promise<void> {
  let seen = -1;
  while (seen !== responses.length) {
    seen = responses.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

export function isEditorAsset(url: string): boolean {
  return /monaco|editor\.api|mount-editor|ts\.worker|tsMode|codicon|editor-types/.test(url);
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
