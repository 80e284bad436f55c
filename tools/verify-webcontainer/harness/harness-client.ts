// The harness page's script: one WebContainer runtime, created the way a lesson page creates it,
// booted once and reused for every run the kit sends, exactly as the page's Run does it.
import type { WebContainerRuntime } from '../../../src/runtime/webcontainer/webcontainer-runtime.ts';
import { createWebContainerRuntime } from '../../../src/runtime/webcontainer/create-webcontainer-runtime.ts';
import type { RunEvent } from '../../../src/schemas/run-events.ts';
import type { HarnessApi, HarnessBoot } from './harness-api.ts';

let runtime: WebContainerRuntime | undefined;
const log = document.querySelector('#harness-log');
const say = (line: string) => log?.append(`${line}\n`);

/**
 * `nodeVersion` and `missingFeatures` arrived on the runtime with a change made alongside the kit;
 * read without assuming them, so a runtime without them gives "unknown", not a guess or a crash.
 */
function reportedNodeVersion(booted: WebContainerRuntime): string | undefined {
  if (!('nodeVersion' in booted)) return undefined;
  const version: unknown = booted.nodeVersion;
  return typeof version === 'string' && version !== '' ? version : undefined;
}

function reportedMissingFeatures(booted: WebContainerRuntime): string[] | undefined {
  if (!('missingFeatures' in booted)) return undefined;
  const missing: unknown = booted.missingFeatures;
  return Array.isArray(missing) ? missing.filter((feature): feature is string => typeof feature === 'string') : undefined;
}

/**
 * Waits until the runtime is ready or has failed. prepare() alone may never settle: a runtime
 * may keep waiting for a late boot after telling the page it failed (issue 15, risk 3), and a
 * boot that cannot reach StackBlitz never ends. The kit counts a boot past its deadline as failed.
 */
function settled(booting: WebContainerRuntime, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stop();
      clearTimeout(guard);
      resolve();
    };
    const stop = booting.onStatus((status) => {
      if (status.state === 'ready' || status.state === 'failed' || status.state === 'unavailable') done();
    });
    // Only if the runtime never says it failed: a little after its own deadline.
    const guard = setTimeout(done, timeoutMs + 5_000);
    void booting.prepare().then(done);
  });
}

const api: HarnessApi = {
  async boot({ nodeMajor, bootTimeoutMs }): Promise<HarnessBoot> {
    if (runtime) throw new Error('The harness boots once per page; reload it to boot again.');
    runtime = createWebContainerRuntime({ nodeMajor, bootTimeoutMs });
    say(`Booting WebContainer (Node ${nodeMajor}, up to ${bootTimeoutMs / 1000} s)…`);
    const startedAt = performance.now();
    await settled(runtime, bootTimeoutMs);
    const bootMs = Math.round(performance.now() - startedAt);
    const status = runtime.status();
    say(`Boot: ${status.state} after ${bootMs} ms.`);
    const nodeVersion = status.state === 'ready' ? reportedNodeVersion(runtime) : undefined;
    // The runtime lists nothing missing until its check inside the container has run, which is
    // also what tells it the Node version: without a version, "nothing missing" means "not known".
    const missingFeatures = nodeVersion ? reportedMissingFeatures(runtime) : undefined;
    return {
      ok: status.state === 'ready',
      bootMs,
      status,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      ...(nodeVersion ? { nodeVersion } : {}),
      ...(missingFeatures ? { missingFeatures } : {}),
    };
  },
  async run(files, timeoutMs) {
    if (!runtime) throw new Error('Boot first: call kalVerify.boot().');
    const events: RunEvent[] = [];
    const end = await runtime.run({ files, signal: AbortSignal.timeout(timeoutMs), onEvent: (event) => events.push(event) });
    say(`Run: ${end.reason} in ${end.durationMs} ms.`);
    return { end, events };
  },
};

window.kalVerify = api;
document.body.dataset.harness = 'ready';
