// Before anything is built: can this machine reach the hosts WebContainer boots from? Without
// them `WebContainer.boot()` neither resolves nor rejects, so the kit would only wait and prove
// nothing. The hosts come from the installed @webcontainer/api itself, so they follow upgrades.
import { readFileSync } from 'node:fs';

export interface ProbeResult {
  url: string;
  /** The HTTP status of the answer; undefined when no answer came. */
  status?: number;
  /** Why no answer came (DNS, refused, timeout), or what answered. */
  detail: string;
  ms: number;
}

export type PreflightDecision = { go: true; summary: string } | { go: false; message: string };

/**
 * The address of the page WebContainer.boot() opens in a hidden iframe, built the way
 * @webcontainer/api's internal/iframe-url.js builds it: its default editor origin, its path, and
 * its version parameter. Read from its source, since the package does not export them.
 */
export function webContainerIframeUrl(sources: { constants: string; iframeUrl: string }, coep: string): URL {
  const origin = /DEFAULT_EDITOR_ORIGIN\s*=\s*['"]([^'"]+)['"]/.exec(sources.constants)?.[1];
  const pathname = /url\.pathname\s*=\s*['"]([^'"]+)['"]/.exec(sources.iframeUrl)?.[1];
  const version = /searchParams\.set\(\s*['"]version['"]\s*,\s*['"]([^'"]+)['"]/.exec(sources.iframeUrl)?.[1];
  if (!origin || !pathname || !version) {
    throw new Error(
      'Cannot tell which host WebContainer boots from: @webcontainer/api no longer builds its iframe address the way ' +
        'tools/verify-webcontainer/preflight.ts expects (internal/constants.js and internal/iframe-url.js). Update the preflight to match.',
    );
  }
  const url = new URL(pathname, origin);
  url.searchParams.set('coep', coep);
  url.searchParams.set('version', version);
  return url;
}

/** The installed package's sources for webContainerIframeUrl. */
export function installedWebContainerSources(): { constants: string; iframeUrl: string } {
  const index = new URL(import.meta.resolve('@webcontainer/api'));
  return {
    constants: readFileSync(new URL('internal/constants.js', index), 'utf8'),
    iframeUrl: readFileSync(new URL('internal/iframe-url.js', index), 'utf8'),
  };
}

/** What to probe: the origin itself, and the iframe page boot() loads from it. */
export function preflightTargets(iframeUrl: URL): string[] {
  return [...new Set([`${iframeUrl.origin}/`, iframeUrl.href])];
}

/**
 * Any HTTP answer counts as reachable: a bot check may answer Node with 403 while a browser gets
 * the page, and the boot that follows is the real test. No answer at all is a refusal.
 */
export function decidePreflight(results: readonly ProbeResult[]): PreflightDecision {
  if (results.length === 0) return { go: false, message: 'The preflight probed nothing, so it cannot say the WebContainer hosts are reachable.' };
  const lines = results.map((result) => `  ${result.url}: ${result.status === undefined ? 'no answer' : `HTTP ${result.status}`} (${result.detail}, ${result.ms} ms)`);
  if (results.every((result) => result.status !== undefined)) return { go: true, summary: `WebContainer's hosts answer:\n${lines.join('\n')}` };
  return {
    go: false,
    message: [
      'verify:webcontainer cannot run here: this machine cannot reach the hosts WebContainer boots from.',
      ...lines,
      'Without them WebContainer.boot() never finishes, so nothing was built, served or run, and this proves nothing about',
      'whether lessons work in WebContainer. Run the kit on a machine with internet access (a laptop, or CI with network):',
      '  npm install && npm run verify:webcontainer',
      'It needs https://stackblitz.com and the hosts its page loads, reachable from this machine and its Chromium.',
    ].join('\n'),
  };
}

/** One GET with a deadline; redirects are not followed, since any answer proves the host is reachable. */
export async function probe(url: string, timeoutMs: number): Promise<ProbeResult> {
  const startedAt = performance.now();
  const ms = () => Math.round(performance.now() - startedAt);
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { url, status: response.status, detail: response.statusText || 'answered', ms: ms() };
  } catch (error) {
    return { url, detail: describeFetchError(error, timeoutMs), ms: ms() };
  }
}

export function describeFetchError(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = failure.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS lookup failed: ${failure.cause?.message ?? code}`;
  if (code) return `${code}: ${failure.cause?.message ?? failure.message}`;
  return failure.cause?.message ?? failure.message ?? String(error);
}
