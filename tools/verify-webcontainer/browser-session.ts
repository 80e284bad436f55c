// Chromium, driven by Playwright: the harness page for the runs, and a real lesson page for the
// smoke. Chromium as in playwright.config.ts: $CHROMIUM_PATH, else Debian's, else Playwright's own.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';
import { LessonPage } from '../../e2e/lesson-page.ts';
import type { HarnessBoot, HarnessRun } from './harness/harness-api.ts';
import { HARNESS_PATH } from '../../src/build/verify-harness.ts';
import type { SmokeResult } from './report.ts';

export async function launchChromium(headed: boolean): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ headless: !headed, ...(executablePath ? { executablePath } : {}) });
}

export class Harness {
  readonly #page: Page;

  private constructor(page: Page) {
    this.#page = page;
  }

  static async open(browser: Browser, siteUrl: string): Promise<Harness> {
    const page = await browser.newPage();
    // The page's own log lines and errors help when a live run goes wrong; they go to the terminal.
    page.on('pageerror', (error) => console.error(`  [harness page error] ${error.message}`));
    await page.goto(`${siteUrl}${HARNESS_PATH}?runtime=webcontainer`);
    await page.waitForFunction(() => document.body.dataset.harness === 'ready', undefined, { timeout: 30_000 });
    return new Harness(page);
  }

  /** Boots once; a page that never answers counts as a failed boot rather than hanging the kit. */
  async boot(nodeMajor: number, bootTimeoutMs: number): Promise<HarnessBoot> {
    const message = `the harness page gave no answer within ${(bootTimeoutMs + 30_000) / 1000} s of starting the boot`;
    return this.#withDeadline(this.#page.evaluate((options) => window.kalVerify!.boot(options), { nodeMajor, bootTimeoutMs }), bootTimeoutMs + 30_000, message).catch(
      (error: unknown): HarnessBoot => ({ ok: false, bootMs: bootTimeoutMs, status: { state: 'failed', message: (error as Error).message.split('\n')[0]! } }),
    );
  }

  /** One run inside the container; the page's own time limit ends it, this one catches a hung page. */
  run(files: LessonFile[], timeoutMs: number): Promise<HarnessRun> {
    const run = this.#page.evaluate(({ files, timeoutMs }) => window.kalVerify!.run(files, timeoutMs), { files, timeoutMs });
    return this.#withDeadline(run, timeoutMs + 30_000, `the harness page gave no result within ${(timeoutMs + 30_000) / 1000} s`);
  }

  async #withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.#page.close();
  }
}

/**
 * A learner's path through a real lesson page: open lesson 02 in the given runtime, press Run,
 * and read what the socket meter and the run status show once the run is over.
 */
export async function smokeLessonPage(browser: Browser, siteUrl: string, runtime: 'webcontainer' | 'local', bootTimeoutMs: number): Promise<SmokeResult> {
  const page = await browser.newPage();
  try {
    const lesson = new LessonPage(page);
    await page.goto(`${siteUrl}/lessons/the-leak/?runtime=${runtime}&webcontainer-timeout=${Math.round(bootTimeoutMs / 1000)}`);
    // On a host without the headers the isolation worker reloads the page once on a first visit:
    // a click before that reload would be lost with the page.
    await until(() => page.evaluate(() => crossOriginIsolated).catch(() => false), 15_000);
    const chosen = await page.getByRole('combobox', { name: 'Runs in' }).inputValue();
    if (chosen !== runtime) return { ok: false, detail: `the page chose "${chosen}", not "${runtime}"` };
    await lesson.runButton.click();
    // Stop is enabled for the whole run, boot included, and disabled once its end is reported.
    // A fast run may be over before the first poll, so a finished status counts as started too.
    const started = await until(async () => (await lesson.stopButton.isEnabled()) || /^Finished/.test((await lesson.runStatus.textContent()) ?? ''), 10_000);
    if (!started) return { ok: false, detail: `Run did not start a run; the status says "${await lesson.runStatus.textContent()}"` };
    const ended = await until(async () => !(await lesson.stopButton.isEnabled()), bootTimeoutMs + 90_000);
    const status = ((await lesson.runStatus.textContent()) ?? '').trim();
    if (!ended) return { ok: false, detail: `the run had not ended after ${(bootTimeoutMs + 90_000) / 1000} s; the status says "${status}"` };
    const accepted = await lesson.connectionsAccepted();
    const requests = await lesson.requests();
    const ok = /^Finished in/.test(status) && accepted > 0 && requests > 0;
    const shown = (count: number) => (Number.isFinite(count) ? String(count) : 'no number for');
    return { ok, detail: `run status "${status || '(empty)'}"; meter showed ${shown(accepted)} connections accepted, ${shown(requests)} requests` };
  } catch (error) {
    return { ok: false, detail: `the lesson page smoke broke off: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await page.close();
  }
}

/** Polls `condition` every 250 ms; false if it never held within `timeoutMs`. */
async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
