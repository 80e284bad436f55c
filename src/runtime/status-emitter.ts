import type { RuntimeStatus } from './runtime.ts';

/** The status bookkeeping every adapter needs: the current value and its listeners. */
export class StatusEmitter {
  #status: RuntimeStatus;
  readonly #listeners = new Set<(status: RuntimeStatus) => void>();

  constructor(initial: RuntimeStatus) {
    this.#status = initial;
  }

  get(): RuntimeStatus {
    return this.#status;
  }

  set(status: RuntimeStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }

  subscribe(listener: (status: RuntimeStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
