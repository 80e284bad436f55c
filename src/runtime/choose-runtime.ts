// Which runtime a lesson page uses. `auto`: the local runner when `npm start` serves the page,
// else WebContainer when the page is cross-origin isolated in a browser that can run it, else
// none, with the reason and what to do. `?runtime=` or the page's runtime control override it.
import { DeferredRuntime } from './deferred-runtime.ts';
import { detectLocalRunner, LocalRuntime } from './local/local-runtime.ts';
import { NoRuntime } from './no-runtime.ts';
import type { Runtime } from './runtime.ts';
import { DEFAULT_BOOT_TIMEOUT_MS } from './webcontainer/boot-timeout.ts';
import { WEBCONTAINER_LABEL } from './webcontainer/webcontainer-label.ts';
import { webContainerSupport, type WebContainerSupport } from './webcontainer-support.ts';

export const RUNTIME_CHOICES = ['auto', 'local', 'webcontainer'] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];

export interface RuntimeEnvironment {
  choice: RuntimeChoice;
  /** Whether the page's own server answered as the lab's local runner. */
  localRunner: boolean;
  crossOriginIsolated: boolean;
  /** Whether the browser has what WebContainer needs (see webContainerSupport). */
  webContainerSupport: WebContainerSupport;
}

export type RuntimeDecision =
  | { kind: 'local' }
  /** `notice`: what the learner should know about WebContainer here (it is only in beta on phones). */
  | { kind: 'webcontainer'; notice?: string }
  | { kind: 'none'; message: string };

const RUN_LOCALLY = 'To run lessons on your machine: clone the lab, run `npm install && npm start`, and open http://localhost:4321.';
const STILL_READABLE = 'The lesson and its code are all here to read.';
const HOW_TO_OPT_IN = 'To try it anyway, choose WebContainer under “Runs in” (or add ?runtime=webcontainer to the address).';

export function decideRuntime(env: RuntimeEnvironment): RuntimeDecision {
  const support = env.webContainerSupport;
  const webContainerBlocker = !env.crossOriginIsolated
    ? 'this page is not cross-origin isolated (its host does not send the COOP and COEP headers WebContainer needs)'
    : support.supported
      ? undefined
      : support.reason;
  const beta = support.supported ? support.beta : undefined;

  switch (env.choice) {
    case 'local':
      if (env.localRunner) return { kind: 'local' };
      return {
        kind: 'none',
        message: `The local runner does not serve this page, so it cannot run code here. ${RUN_LOCALLY} Or choose Auto.`,
      };
    case 'webcontainer':
      if (webContainerBlocker) return { kind: 'none', message: `WebContainer cannot run here: ${webContainerBlocker}. ${RUN_LOCALLY}` };
      if (beta) return { kind: 'webcontainer', notice: `${beta}: it may start slowly, run out of memory, or not start at all. A desktop browser runs it dependably.` };
      return { kind: 'webcontainer' };
    case 'auto':
      if (env.localRunner) return { kind: 'local' };
      if (webContainerBlocker) {
        return {
          kind: 'none',
          message: `Nothing can run code on this page: the lab’s local runner does not serve it, and ${webContainerBlocker}. ${RUN_LOCALLY} ${STILL_READABLE}`,
        };
      }
      // A beta is the learner's call to make, not Auto's: say why, and how to opt in.
      if (beta) {
        return {
          kind: 'none',
          message: `Auto runs no code on this page: the lab’s local runner does not serve it, and ${beta}, so Auto does not choose it. ${HOW_TO_OPT_IN} ${RUN_LOCALLY} ${STILL_READABLE}`,
        };
      }
      return { kind: 'webcontainer' };
  }
}

/** `?runtime=` wins, then the choice the learner made with the runtime control, then auto. */
export function readRuntimeChoice(url: URL, stored: string | null): RuntimeChoice {
  const fromUrl = url.searchParams.get('runtime');
  for (const candidate of [fromUrl, stored]) {
    if (candidate && (RUNTIME_CHOICES as readonly string[]).includes(candidate)) return candidate as RuntimeChoice;
  }
  return 'auto';
}

export interface RuntimeFactoryOptions {
  nodeMajor: number;
  bootTimeoutMs?: number;
}

/** The runtime a page runs code with, and what the learner should know about it, if anything. */
export interface RuntimeResolution {
  runtime: Runtime;
  notice?: string;
}

/**
 * One instance per kind for the whole visit, not per page: moving between lessons is a soft
 * navigation (src/client/site/soft-navigation.ts) that keeps this module alive, so the WebContainer
 * booted on the first lesson serves every later one (only one may exist per page, and its boot is
 * the slow part), and the local runner keeps its one socket. The first page to create an instance
 * decides its options.
 */
const instances = new Map<'local' | 'webcontainer', Promise<Runtime>>();
let localRunner: Promise<boolean> | undefined;

function once(kind: 'local' | 'webcontainer', make: () => Promise<Runtime>): Promise<Runtime> {
  if (!instances.has(kind)) instances.set(kind, make());
  return instances.get(kind)!;
}

/** Resolves a choice to a runtime: the visit's instance of its kind, or a NoRuntime that says why. */
export async function resolveRuntime(choice: RuntimeChoice, options: RuntimeFactoryOptions): Promise<RuntimeResolution> {
  // The page's own server answers the same way all visit long: ask once.
  localRunner ??= detectLocalRunner();
  const decision = decideRuntime({
    choice,
    localRunner: choice === 'webcontainer' ? false : await localRunner,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    webContainerSupport: webContainerSupport(globalThis),
  });
  if (decision.kind === 'local') return { runtime: await once('local', async () => new LocalRuntime()) };
  if (decision.kind === 'webcontainer') {
    // Its code loads on the first interaction (deferred-runtime.ts), not with the page.
    const runtime = await once('webcontainer', async () =>
      new DeferredRuntime('webcontainer', WEBCONTAINER_LABEL, async () => {
        const { createWebContainerRuntime } = await import('./webcontainer/create-webcontainer-runtime.ts');
        return createWebContainerRuntime({ nodeMajor: options.nodeMajor, bootTimeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS });
      }),
    );
    return decision.notice ? { runtime, notice: decision.notice } : { runtime };
  }
  return { runtime: new NoRuntime(decision.message) };
}
