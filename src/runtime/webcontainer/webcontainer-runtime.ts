// Runs lessons in Node inside the learner's browser (WebContainer), for the static site.
// One WebContainer per page: it allows only one, and booting is expensive, so it boots once, on
// the learner's first interaction with the workspace, and every run reuses it.
import type { FileSystemTree } from '@webcontainer/api';
import type { LessonFile, RunEnd } from '../../schemas/run-events.ts';
import type { Runtime, RunRequest, RuntimeStatus } from '../runtime.ts';
import { StatusEmitter } from '../status-emitter.ts';
import { superviseRun, type RunLimits } from '../supervise-run.ts';
import { DEFAULT_BOOT_TIMEOUT_MS } from './boot-timeout.ts';
import { webContainerLauncher, type ContainerApi } from './webcontainer-launcher.ts';

/**
 * Node versions WebContainer serves when a project asks for them. Node 22 is opt-in through
 * `engines.node` in the root package.json or a root .nvmrc (stackblitz/webcontainer-core #560);
 * without it WebContainer runs an older Node.
 */
const NODE_RELEASES: Record<number, string> = { 20: '20', 22: '22.22.0' };

export { DEFAULT_BOOT_TIMEOUT_MS };

export function bootTimeoutMessage(seconds: number): string {
  return (
    `Node did not start in this browser within ${seconds} s. WebContainer loads its runtime from stackblitz.com, ` +
    'so you may be offline, or an ad blocker or strict cookie or tracking settings may block it. ' +
    'Run the lab on your machine instead (clone it, then `npm install && npm start`), or choose the local runner if it serves this page. ' +
    'Only a reload can try WebContainer again.'
  );
}

export interface WebContainerRuntimeOptions {
  /** Boots the WebContainer. Injected, so tests pass a fake typed against @webcontainer/api. */
  boot(): Promise<ContainerApi>;
  /** Source of src/meter/meter.js and src/meter/bootstrap.js, mounted into every run. */
  meterSource: string;
  bootstrapSource: string;
  /** The Node major the lessons need. */
  nodeMajor: number;
  bootTimeoutMs?: number;
  limits?: Partial<RunLimits>;
}

export class WebContainerRuntime implements Runtime {
  readonly kind = 'webcontainer';
  readonly label = 'WebContainer (Node in this browser)';
  readonly #status = new StatusEmitter({ state: 'idle' });
  readonly #options: WebContainerRuntimeOptions;
  #container?: Promise<ContainerApi>;
  #runs = 0;

  constructor(options: WebContainerRuntimeOptions) {
    this.#options = options;
  }

  status(): RuntimeStatus {
    return this.#status.get();
  }

  onStatus(listener: (status: RuntimeStatus) => void) {
    return this.#status.subscribe(listener);
  }

  prepare(): Promise<void> {
    return this.#boot().then(
      () => undefined,
      () => undefined,
    );
  }

  async run(request: RunRequest): Promise<RunEnd> {
    let container: ContainerApi | undefined;
    try {
      // Stop works while the WebContainer is still booting, too.
      container = await Promise.race([this.#boot(), aborted(request.signal)]);
    } catch (error) {
      return { reason: 'failed', durationMs: 0, message: (error as Error).message };
    }
    if (!container || request.signal.aborted) return { reason: 'stopped', durationMs: 0, message: 'Stopped.' };
    this.#runs += 1;
    const dir = `runs/${this.#runs}`;
    this.#status.set({ state: 'running' });
    try {
      await container.mount(this.#tree(request.files), { mountPoint: dir });
      const unsubscribe: (() => void)[] = [];
      const end = await superviseRun({
        launcher: webContainerLauncher(container, dir),
        signal: request.signal,
        onEvent: request.onEvent,
        ...(this.#options.limits ? { limits: this.#options.limits } : {}),
        // If the meter cannot report the port from inside the process, WebContainer's own port
        // event still lets the client start.
        listenHint: (report) => unsubscribe.push(container.on('port', (port, type) => type === 'open' && report(port))),
      });
      unsubscribe.forEach((stop) => stop());
      return end;
    } catch (error) {
      return { reason: 'failed', durationMs: 0, message: `The WebContainer could not run this lesson: ${(error as Error).message}` };
    } finally {
      this.#status.set({ state: 'ready' });
      await container.fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  #boot(): Promise<ContainerApi> {
    this.#container ??= this.#bootWithTimeout();
    return this.#container;
  }

  async #bootWithTimeout(): Promise<ContainerApi> {
    const timeoutMs = this.#options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
    const startedAt = performance.now();
    const showProgress = () =>
      this.#status.set({
        state: 'booting',
        detail: `Starting Node in your browser (WebContainer)… ${Math.round((performance.now() - startedAt) / 1000)} s`,
      });
    showProgress();
    const ticker = setInterval(showProgress, 1000);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // When stackblitz.com cannot be reached, boot() neither resolves nor rejects (measured), and
      // a second boot() returns the same stuck promise: hence the race, and no retry without reload.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(bootTimeoutMessage(timeoutMs / 1000))), timeoutMs);
      });
      const container = await Promise.race([this.#options.boot(), timeout]);
      await container.mount(this.#projectFiles());
      this.#status.set({ state: 'ready' });
      return container;
    } catch (error) {
      const message = (error as Error).message.startsWith('Node did not start')
        ? (error as Error).message
        : `WebContainer could not start: ${(error as Error).message}. Run the lab on your machine instead (\`npm install && npm start\`). Only a reload can try WebContainer again.`;
      this.#status.set({ state: 'failed', message });
      throw new Error(message);
    } finally {
      clearInterval(ticker);
      clearTimeout(timer);
    }
  }

  /** The project root: its package.json and .nvmrc choose the Node version WebContainer runs. */
  #projectFiles(): FileSystemTree {
    const release = NODE_RELEASES[this.#options.nodeMajor] ?? String(this.#options.nodeMajor);
    const packageJson = { name: 'keep-alive-lab-run', private: true, type: 'module', engines: { node: release } };
    return {
      'package.json': { file: { contents: `${JSON.stringify(packageJson, null, 2)}\n` } },
      '.nvmrc': { file: { contents: `v${release}\n` } },
    };
  }

  #tree(files: LessonFile[]): FileSystemTree {
    const tree: FileSystemTree = {
      '.lab': {
        directory: {
          'meter.js': { file: { contents: this.#options.meterSource } },
          'bootstrap.js': { file: { contents: this.#options.bootstrapSource } },
        },
      },
    };
    for (const file of files) tree[file.name] = { file: { contents: file.content } };
    return tree;
  }
}

/** Resolves (with nothing) when the signal aborts. */
function aborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}
