// Runs lessons with the local runner that `npm start` serves on the page's own origin, over one
// WebSocket per page. Only this file knows the runner's wire protocol.
import type { RunEnd } from '../../schemas/run-events.ts';
import type { PageMessage, RunnerMessage } from '../../schemas/runner-protocol.ts';
import type { PassedCheck, Runtime, RunRequest, RuntimeStatus } from '../runtime.ts';
import { randomId } from '../random-id.ts';
import { StatusEmitter } from '../status-emitter.ts';
import { MAX_TOTAL_FILE_BYTES, RUNNER_PATH } from '../../schemas/runner-wire.ts';
import { sitePath } from '../../run/site-path.ts';

const LOST_RUNNER =
  'Lost the connection to the local runner. Is `npm start` still running? Start it again, then press Run.';
const TOO_LARGE = `The runner refused the files: together they are far larger than the ${MAX_TOTAL_FILE_BYTES / 1024} KiB a run may carry. Make them smaller and press Run.`;

interface PendingRun {
  request: RunRequest;
  resolve(end: RunEnd): void;
  startedAt: number;
}

/** Asks the page's own server whether it is the lab's local runner. */
export async function detectLocalRunner(signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(sitePath(RUNNER_PATH), { cache: 'no-store', signal: signal ?? null });
    if (!response.ok) return false;
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && (body as { runner?: unknown }).runner === 'local';
  } catch {
    return false;
  }
}

export class LocalRuntime implements Runtime {
  readonly kind = 'local';
  label = 'local runner';
  readonly #status = new StatusEmitter({ state: 'idle' });
  readonly #runs = new Map<string, PendingRun>();
  readonly #url: string;
  #socket?: Promise<WebSocket>;
  /** The lab serves a workshop room: passed Checks go to the instructor's room board. */
  #room = false;

  constructor(origin: string = location.origin) {
    this.#url = `${origin.replace(/^http/, 'ws')}${sitePath(RUNNER_PATH)}`;
  }

  status(): RuntimeStatus {
    return this.#status.get();
  }

  onStatus(listener: (status: RuntimeStatus) => void) {
    return this.#status.subscribe(listener);
  }

  /** Opens the connection ahead of the first Run, so that Run starts at once. */
  prepare(): Promise<void> {
    return this.#connect().then(
      () => undefined,
      () => undefined, // run() reports it, with what to do.
    );
  }

  async run(request: RunRequest): Promise<RunEnd> {
    const startedAt = performance.now();
    let socket: WebSocket;
    try {
      socket = await this.#connect();
    } catch {
      return { reason: 'failed', durationMs: 0, message: LOST_RUNNER };
    }
    if (request.signal.aborted) return { reason: 'stopped', durationMs: 0, message: 'Stopped.' };
    const runId = randomId();
    return new Promise<RunEnd>((resolve) => {
      this.#runs.set(runId, { request, resolve, startedAt });
      this.#status.set({ state: 'running' });
      request.signal.addEventListener('abort', () => this.#send(socket, { type: 'stop', runId }), { once: true });
      this.#send(socket, { type: 'run', runId, files: request.files });
    });
  }

  reportPassed(passed: PassedCheck) {
    if (!this.#room) return;
    void this.#connect().then(
      (socket) => this.#send(socket, { type: 'passed', ...passed }),
      () => undefined, // A lost runner loses one tick on the board, nothing of the learner's.
    );
  }

  #send(socket: WebSocket, message: PageMessage) {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  #connect(): Promise<WebSocket> {
    this.#socket ??= new Promise<WebSocket>((resolve, reject) => {
      this.#status.set({ state: 'booting', detail: 'Connecting to the local runner…' });
      const socket = new WebSocket(this.#url);
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as RunnerMessage;
        if (message.type === 'hello') {
          this.label = `local runner (up to ${message.timeLimitMs / 1000} s per run)`;
          this.#room = message.room === true;
          this.#status.set({ state: 'ready' });
          resolve(socket);
        } else {
          this.#dispatch(message);
        }
      });
      socket.addEventListener('close', (event) => {
        this.#socket = undefined;
        // 1009: the message was too big to read at all. The next Run simply reconnects.
        const message = event.code === 1009 ? TOO_LARGE : LOST_RUNNER;
        reject(new Error(message));
        this.#status.set(event.code === 1009 ? { state: 'idle' } : { state: 'failed', message });
        for (const [runId, run] of this.#runs) {
          this.#runs.delete(runId);
          run.resolve({ reason: 'failed', durationMs: Math.round(performance.now() - run.startedAt), message });
        }
      });
    });
    return this.#socket;
  }

  #dispatch(message: Exclude<RunnerMessage, { type: 'hello' }>) {
    if (message.type === 'refused') {
      // A refusal names no run when the message could not be read at all; it then ends every run.
      const targets = message.runId ? [message.runId] : [...this.#runs.keys()];
      for (const runId of targets) this.#finish(runId, { reason: 'failed', durationMs: 0, message: message.message });
      return;
    }
    if (message.type === 'end') {
      this.#finish(message.runId, message.end);
      return;
    }
    if (message.type === 'queued') {
      if (this.#runs.has(message.runId)) this.#status.set({ state: 'queued', ahead: message.ahead });
      return;
    }
    const { runId, ...event } = message;
    const run = this.#runs.get(runId);
    if (!run) return;
    // The first event of a run that waited in line: it has started.
    if (this.#status.get().state === 'queued') this.#status.set({ state: 'running' });
    run.request.onEvent(event);
  }

  #finish(runId: string, end: RunEnd) {
    const run = this.#runs.get(runId);
    if (!run) return;
    this.#runs.delete(runId);
    if (this.#runs.size === 0) this.#status.set({ state: 'ready' });
    run.resolve(end);
  }
}
