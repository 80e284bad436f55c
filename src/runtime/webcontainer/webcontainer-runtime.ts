// Runs lessons in Node inside the learner's browser (WebContainer), for the static site.
// One WebContainer per visit: it allows only one, and booting is expensive, so it boots once, on
// the learner's first interaction with a workspace, and every run (on any lesson) reuses it.
import type { RunEnd } from '../../schemas/run-events.ts';
import { missingFeatures, type NodeFeature, type NodeProbeReport } from '../../schemas/node-features.ts';
import type { Runtime, RunRequest, RuntimeStatus } from '../runtime.ts';
import { StatusEmitter } from '../status-emitter.ts';
import { packagesImported, type LessonPackage, type LessonPackageFiles } from '../../run/lesson-packages.ts';
import { superviseRun, type RunLimits } from '../../run/supervise-run.ts';
import { DEFAULT_BOOT_TIMEOUT_MS } from './boot-timeout.ts';
import { WEBCONTAINER_LABEL } from './webcontainer-label.ts';
import { probeNode } from './probe-node.ts';
import { webContainerLauncher, type ContainerApi } from './webcontainer-launcher.ts';
import { packageTree, projectFiles, runTree } from './container-files.ts';

/**
 * Samples reach the page through files it polls, not a pipe: after client.js exits, the server's
 * meter gets longer to report the closing connections than the local runner's 250 ms.
 */
const WEBCONTAINER_LIMITS: Partial<RunLimits> = { settleAfterClientMs: 1_000 };
/**
 * server.js gets a fixed port in WebContainer, not 0: whether its emulated network hands out a
 * free port for listen(0) is unverified, and a known port lets WebContainer's own 'port' event
 * stand in for the meter. Ports rotate, so a server that never confirmed its exit cannot block
 * the next run's.
 */
const FIRST_PORT = 4100;
const PORTS = 800;

const RUN_ELSEWHERE =
  'Or run the lab on your machine (clone it, then `npm install && npm start`), or choose the local runner if it serves this page.';

/** WebContainer.boot() did not settle in time; the boot goes on, and a late start is used. */
export class BootTimeoutError extends Error {
  readonly seconds: number;
  constructor(seconds: number) {
    super(
      `Node did not start in this browser within ${seconds} s. WebContainer loads its runtime from stackblitz.com, ` +
        'so the network may be slow, you may be offline, or an ad blocker or strict cookie or tracking settings may block it. ' +
        `The lab keeps waiting, and says Ready if it starts. ${RUN_ELSEWHERE}`,
    );
    this.name = 'BootTimeoutError';
    this.seconds = seconds;
  }
}

/** WebContainer.boot() or the first mount failed: only a reload starts a new container. */
export class ContainerStartError extends Error {
  constructor(cause: unknown) {
    super(`WebContainer could not start: ${(cause as Error)?.message ?? String(cause)}. Reload the page to try again. ${RUN_ELSEWHERE}`, { cause });
    this.name = 'ContainerStartError';
  }
}

export interface WebContainerRuntimeOptions {
  /** Boots the WebContainer. Injected, so tests pass a fake typed against @webcontainer/api. */
  boot(): Promise<ContainerApi>;
  /** Source of src/meter/meter.js, src/meter/bootstrap.js and src/meter/probe.js. */
  meterSource: string;
  bootstrapSource: string;
  probeSource: string;
  /** The Node major the container is asked for (the lessons', 22). Each page compares its own. */
  nodeMajor: number;
  bootTimeoutMs?: number;
  probeTimeoutMs?: number;
  /** How long a killed process gets to report its exit (see webcontainer-launcher.ts). */
  exitWaitMs?: number;
  limits?: Partial<RunLimits>;
  /**
   * Fetches a package the lab lends lesson code (src/run/lesson-packages.ts). Without it, a run
   * that imports one fails with a message that says so.
   */
  loadPackage?(name: LessonPackage): Promise<LessonPackageFiles>;
}

export class WebContainerRuntime implements Runtime {
  readonly kind = 'webcontainer';
  readonly #status = new StatusEmitter({ state: 'idle' });
  readonly #options: WebContainerRuntimeOptions;
  #container?: Promise<ContainerApi>;
  #booted?: ContainerApi;
  #deadline?: Promise<never>;
  #probe?: NodeProbeReport;
  #broken?: string;
  #current?: AbortController;
  #runs = 0;
  /** Packages mounted in node_modules/ at the container's root, which every run's folder sees. */
  readonly #packages = new Map<LessonPackage, Promise<void>>();

  constructor(options: WebContainerRuntimeOptions) {
    this.#options = options;
  }

  get label(): string {
    return this.#probe ? `WebContainer (Node ${this.#probe.node} in this browser)` : WEBCONTAINER_LABEL;
  }

  /** The Node version the container runs, once booted and checked. */
  get nodeVersion(): string | undefined {
    return this.#probe?.node;
  }

  /** Features some lessons rely on that this container's Node lacks (empty until checked). */
  get missingFeatures(): readonly NodeFeature[] {
    return this.#probe ? missingFeatures(this.#probe) : [];
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
    const container = await this.#whenBooted(request.signal).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    // The boot's own errors already say what to do; anything else is said as what it is.
    if (container instanceof BootTimeoutError || container instanceof ContainerStartError) return { reason: 'failed', durationMs: 0, message: container.message };
    if (container instanceof Error) return { reason: 'failed', durationMs: 0, message: `The WebContainer could not run this lesson: ${container.message}` };
    if (!container || request.signal.aborted) return { reason: 'stopped', durationMs: 0, message: 'Stopped.' };
    if (this.#broken) return { reason: 'failed', durationMs: 0, message: this.#broken };

    // Stop, a newer run, or the container reporting an error all end this run.
    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal.addEventListener('abort', abort, { once: true });
    this.#current = controller;
    this.#runs += 1;
    const dir = `runs/${this.#runs}`;
    const serverPort = FIRST_PORT + (this.#runs % PORTS);
    this.#status.set({ state: 'running' });
    const unsubscribe: (() => void)[] = [];
    try {
      await Promise.all(packagesImported(request.files).map((name) => this.#mountPackage(container, name)));
      await container.fs.mkdir(dir, { recursive: true });
      await container.mount(runTree(request.files, this.#options), { mountPoint: dir });
      const end = await superviseRun({
        launcher: webContainerLauncher(container, dir, this.#options.exitWaitMs),
        signal: controller.signal,
        onEvent: request.onEvent,
        limits: { ...WEBCONTAINER_LIMITS, ...this.#options.limits },
        serverPort,
        // If the meter cannot report the port from inside the process, WebContainer's own port
        // event still lets the client start.
        listenHint: (report) => unsubscribe.push(container.on('port', (port, type) => type === 'open' && port === serverPort && report(port))),
      });
      return this.#broken ? { reason: 'failed', durationMs: end.durationMs, message: this.#broken } : end;
    } catch (error) {
      return { reason: 'failed', durationMs: 0, message: `The WebContainer could not run this lesson: ${(error as Error).message}` };
    } finally {
      unsubscribe.forEach((stop) => stop());
      request.signal.removeEventListener('abort', abort);
      if (this.#current === controller) this.#current = undefined;
      if (!this.#broken) this.#status.set(this.#readyStatus());
      await container.fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /**
   * The booted container; or the boot deadline's message, if it passes first. A boot that ends
   * after its deadline is not thrown away: later runs use it.
   */
  async #whenBooted(signal: AbortSignal): Promise<ContainerApi | undefined> {
    if (this.#booted) return this.#booted;
    const booting = this.#boot();
    return Promise.race([booting, this.#deadline ?? booting, aborted(signal)]);
  }

  #boot(): Promise<ContainerApi> {
    if (!this.#container) {
      this.#container = this.#startBoot();
      this.#container.catch(() => undefined);
    }
    return this.#container;
  }

  async #startBoot(): Promise<ContainerApi> {
    const timeoutMs = this.#options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
    const startedAt = performance.now();
    let late = false;
    const showProgress = () =>
      this.#status.set({
        state: 'booting',
        detail: `Starting Node in your browser (WebContainer)… ${Math.round((performance.now() - startedAt) / 1000)} s`,
      });
    showProgress();
    const ticker = setInterval(showProgress, 1000);
    // When stackblitz.com cannot be reached, boot() neither resolves nor rejects (measured), and a
    // second boot() waits on the first: hence a deadline for runs, while the boot itself goes on.
    let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
    this.#deadline = new Promise<never>((_, reject) => {
      deadlineTimer = setTimeout(() => {
        late = true;
        clearInterval(ticker);
        const timedOut = new BootTimeoutError(timeoutMs / 1000);
        this.#status.set({ state: 'failed', message: timedOut.message });
        reject(timedOut);
      }, timeoutMs);
    });
    this.#deadline.catch(() => undefined);
    try {
      const container = await this.#options.boot();
      container.on('error', ({ message }) => this.#breakDown(message));
      await container.mount(projectFiles(this.#options.nodeMajor));
      await container.fs.mkdir('runs', { recursive: true });
      this.#probe = await probeNode(container, this.#options.probeSource, this.#options.probeTimeoutMs).catch(() => undefined);
      this.#booted = container;
      if (!this.#broken) this.#status.set(this.#readyStatus(late ? performance.now() - startedAt : undefined));
      return container;
    } catch (error) {
      const failed = new ContainerStartError(error);
      this.#status.set({ state: 'failed', message: failed.message });
      throw failed;
    } finally {
      clearInterval(ticker);
      clearTimeout(deadlineTimer);
    }
  }

  /** What the page says when ready: a late start, or that the Node version could not be checked. */
  #readyStatus(lateAfterMs?: number): RuntimeStatus {
    const notes: string[] = [];
    if (lateAfterMs !== undefined) notes.push(`Node started after all, after ${Math.round(lateAfterMs / 1000)} s.`);
    if (!this.#probe) notes.push('The lab could not check which Node version runs here.');
    return notes.length ? { state: 'ready', note: notes.join(' ') } : { state: 'ready' };
  }

  /** The container reported an internal error: nothing it runs can be trusted from here on. */
  #breakDown(detail: string) {
    this.#broken = `The WebContainer stopped working (${detail}). Reload the page to start a new one; your code is saved in this browser. ${RUN_ELSEWHERE}`;
    this.#status.set({ state: 'failed', message: this.#broken });
    this.#current?.abort();
  }

  /** Mounts a lent package once; a failed load is tried again on the next run that imports it. */
  #mountPackage(container: ContainerApi, name: LessonPackage): Promise<void> {
    let mounting = this.#packages.get(name);
    if (!mounting) {
      mounting = (async () => {
        const loaded = await (this.#options.loadPackage?.(name) ?? Promise.reject(new Error('this page cannot load packages')));
        const mountPoint = `node_modules/${name}`;
        await container.fs.mkdir(mountPoint, { recursive: true });
        await container.mount(packageTree(loaded.files), { mountPoint });
      })().catch((error: unknown) => {
        this.#packages.delete(name);
        throw new Error(`the lesson imports ${name}, which the lab lends it, and loading it failed (${(error as Error).message}). Check your connection and run again, or use the local runner.`);
      });
      this.#packages.set(name, mounting);
    }
    return mounting;
  }
}

/** Resolves (with nothing) when the signal aborts. */
function aborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}
