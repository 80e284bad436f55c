// A runtime for tests of the page's code, typed against the real Runtime interface: its label,
// Node version and missing features are what the test gives, its status changes when the test
// says so, and run() replays a scripted run (events through onEvent, then the given end).
import type { PassedCheck, Runtime, RuntimeKind, RuntimeStatus, RunRequest } from '../../src/runtime/runtime.ts';
import { StatusEmitter } from '../../src/runtime/status-emitter.ts';
import type { NodeFeature } from '../../src/schemas/node-features.ts';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';

export interface FakeRuntimeOptions {
  kind?: RuntimeKind;
  label?: string;
  nodeVersion?: string;
  missingFeatures?: readonly NodeFeature[];
  status?: RuntimeStatus;
  /** What run() reports, in order, before it resolves with `end`. */
  events?: readonly RunEvent[];
  end?: RunEnd;
}

export class FakeRuntime implements Runtime {
  readonly kind: RuntimeKind;
  readonly label: string;
  readonly nodeVersion: string | undefined;
  readonly missingFeatures: readonly NodeFeature[];
  /** The requests run() was given, in order. */
  readonly runs: RunRequest[] = [];
  prepared = 0;
  /** Set by a test to act as a runtime serving a room (the local runner in room mode). */
  reportPassed?: (passed: PassedCheck) => void;
  readonly #events: readonly RunEvent[];
  readonly #end: RunEnd;
  /** The adapters' own status bookkeeping, so the fake notifies listeners exactly as they do. */
  readonly #status: StatusEmitter;

  constructor(options: FakeRuntimeOptions = {}) {
    this.kind = options.kind ?? 'local';
    this.label = options.label ?? 'fake runtime';
    this.nodeVersion = options.nodeVersion;
    this.missingFeatures = options.missingFeatures ?? [];
    this.#status = new StatusEmitter(options.status ?? { state: 'ready' });
    this.#events = options.events ?? [];
    this.#end = options.end ?? { reason: 'completed', durationMs: 0 };
  }

  status(): RuntimeStatus {
    return this.#status.get();
  }

  /** Changes the status and tells every listener, as a real runtime does. */
  setStatus(status: RuntimeStatus): void {
    this.#status.set(status);
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  async prepare(): Promise<void> {
    this.prepared += 1;
  }

  async run(request: RunRequest): Promise<RunEnd> {
    this.runs.push(request);
    for (const event of this.#events) {
      if (request.signal.aborted) return { reason: 'stopped', durationMs: this.#end.durationMs };
      request.onEvent(event);
    }
    return this.#end;
  }
}
