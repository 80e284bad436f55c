// Which runtime a lesson page uses. `auto`: the local runner when `npm start` serves the page,
// else WebContainer when the page is cross-origin isolated in a browser that can run it, else
// none, with the reason and what to do. `?runtime=` or the page's runtime control override it.
import { detectLocalRunner, LocalRuntime } from './local/local-runtime.ts';
import { NoRuntime } from './no-runtime.ts';
import type { Runtime } from './runtime.ts';
import { DEFAULT_BOOT_TIMEOUT_MS } from './webcontainer/boot-timeout.ts';

export const RUNTIME_CHOICES = ['auto', 'local', 'webcontainer'] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];
export const RUNTIME_CHOICE_KEY = 'keep-alive-lab:runtime';

export interface RuntimeEnvironment {
  choice: RuntimeChoice;
  /** Whether the page's own server answered as the lab's local runner. */
  localRunner: boolean;
  crossOriginIsolated: boolean;
  /** Whether the browser has what WebContainer needs (see webContainerSupport). */
  webContainerSupport: { supported: true } | { supported: false; reason: string };
}

export type RuntimeDecision = { kind: 'local' } | { kind: 'webcontainer' } | { kind: 'none'; message: string };

const RUN_LOCALLY = 'To run lessons on your machine: clone the lab, run `npm install && npm start`, and open http://localhost:4321.';
const STILL_READABLE = 'The lesson and its code are all here to read.';

export function decideRuntime(env: RuntimeEnvironment): RuntimeDecision {
  const webContainerBlocker = !env.crossOriginIsolated
    ? 'this page is not cross-origin isolated (its host does not send the COOP and COEP headers WebContainer needs)'
    : env.webContainerSupport.supported
      ? undefined
      : env.webContainerSupport.reason;

  switch (env.choice) {
    case 'local':
      if (env.localRunner) return { kind: 'local' };
      return {
        kind: 'none',
        message: `The local runner does not serve this page, so it cannot run code here. ${RUN_LOCALLY} Or choose Auto.`,
      };
    case 'webcontainer':
      if (!webContainerBlocker) return { kind: 'webcontainer' };
      return { kind: 'none', message: `WebContainer cannot run here: ${webContainerBlocker}. ${RUN_LOCALLY}` };
    case 'auto':
      if (env.localRunner) return { kind: 'local' };
      if (!webContainerBlocker) return { kind: 'webcontainer' };
      return {
        kind: 'none',
        message: `Nothing can run code on this page: the lab’s local runner does not serve it, and ${webContainerBlocker}. ${RUN_LOCALLY} ${STILL_READABLE}`,
      };
  }
}

/** What WebContainer needs from the browser: SharedArrayBuffer, service workers, WebAssembly, and a desktop engine. */
export function webContainerSupport(scope: {
  SharedArrayBuffer?: unknown;
  WebAssembly?: unknown;
  navigator: { serviceWorker?: unknown; userAgent: string };
}): RuntimeEnvironment['webContainerSupport'] {
  if (typeof scope.SharedArrayBuffer !== 'function' || typeof scope.WebAssembly !== 'object' || !scope.navigator.serviceWorker) {
    return { supported: false, reason: 'this browser lacks what WebContainer needs (SharedArrayBuffer, service workers and WebAssembly)' };
  }
  if (/Android|iPhone|iPad|iPod|Mobile/i.test(scope.navigator.userAgent)) {
    return { supported: false, reason: 'WebContainer does not run in mobile browsers' };
  }
  return { supported: true };
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

/**
 * Resolves a choice to a runtime. Instances are kept per kind for the life of the page: switching
 * back and forth must not boot a second WebContainer (only one may exist) or open a second socket.
 */
export function runtimeResolver(options: RuntimeFactoryOptions) {
  const instances = new Map<string, Promise<Runtime>>();
  const once = (key: string, make: () => Promise<Runtime>) => {
    if (!instances.has(key)) instances.set(key, make());
    return instances.get(key)!;
  };
  const localRunner = detectLocalRunner();

  return async (choice: RuntimeChoice): Promise<Runtime> => {
    const decision = decideRuntime({
      choice,
      localRunner: choice === 'webcontainer' ? false : await localRunner,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      webContainerSupport: webContainerSupport(globalThis),
    });
    if (decision.kind === 'local') return once('local', async () => new LocalRuntime());
    if (decision.kind === 'webcontainer') {
      return once('webcontainer', async () => {
        const { createWebContainerRuntime } = await import('./webcontainer/create-webcontainer-runtime.ts');
        return createWebContainerRuntime({ nodeMajor: options.nodeMajor, bootTimeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS });
      });
    }
    return new NoRuntime(decision.message);
  };
}
