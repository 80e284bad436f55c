// A runtime whose code loads on the learner's first interaction, not with the page. WebContainer's
// adapter brings @webcontainer/api and the meter's source with it (about 42 KB gzip), three times
// the rest of a lesson page's JavaScript; on a static deploy Auto chooses it on every lesson page,
// and a reader who never touches the code should not pay for it. Until then this stands in: idle,
// under the runtime's own label, and the first prepare() or run() loads and hands over.
import type { NodeFeature } from '../schemas/node-features.ts';
import type { RunEnd } from '../schemas/run-events.ts';
import type { RunRequest, Runtime, RuntimeKind, RuntimeStatus } from './runtime.ts';
import { StatusEmitter } from './status-emitter.ts';

export class DeferredRuntime implements Runtime {
  readonly kind: RuntimeKind;
  readonly #label: string;
  readonly #load: () => Promise<Runtime>;
  readonly #status = new StatusEmitter({ state: 'idle' });
  #inner?: Runtime;
  #loading?: Promise<Runtime>;

  constructor(kind: RuntimeKind, label: string, load: () => Promise<Runtime>) {
    this.kind = kind;
    this.#label = label;
    this.#load = load;
  }

  get label(): string {
    return this.#inner?.label ?? this.#label;
  }

  get nodeVersion(): string | undefined {
    return this.#inner?.nodeVersion;
  }

  get missingFeatures(): readonly NodeFeature[] {
    return this.#inner?.missingFeatures ?? [];
  }

  status(): RuntimeStatus {
    return this.#status.get();
  }

  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  prepare(): Promise<void> {
    return this.#runtime().then(
      (inner) => inner.prepare(),
      () => undefined,
    );
  }

  run(request: RunRequest): Promise<RunEnd> {
    const started = Date.now();
    return this.#runtime().then(
      (inner) => inner.run(request),
      (error: unknown) => ({ reason: 'failed' as const, durationMs: Date.now() - started, message: loadFailure(this.#label, error) }),
    );
  }

  #runtime(): Promise<Runtime> {
    this.#loading ??= this.#load().then(
      (inner) => {
        this.#inner = inner;
        inner.onStatus((status) => this.#status.set(status));
        this.#status.set(inner.status());
        return inner;
      },
      (error: unknown) => {
        this.#status.set({ state: 'failed', message: loadFailure(this.#label, error) });
        throw error;
      },
    );
    return this.#loading;
  }
}

function loadFailure(label: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The ${label} could not load (${reason}). Check your connection and reload the page; your code is kept.`;
}
