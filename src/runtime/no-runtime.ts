// The page's runtime when nothing can run code here: it says why, and runs refuse politely.
import type { Runtime, RunRequest } from './runtime.ts';
import type { RunEnd } from '../schemas/run-events.ts';
import { StatusEmitter } from './status-emitter.ts';

export class NoRuntime implements Runtime {
  readonly kind = 'none';
  readonly label = 'no runtime';
  readonly message: string;
  readonly #status: StatusEmitter;

  constructor(message: string) {
    this.message = message;
    this.#status = new StatusEmitter({ state: 'unavailable', message });
  }

  async prepare(): Promise<void> {}

  status() {
    return this.#status.get();
  }

  onStatus(listener: Parameters<StatusEmitter['subscribe']>[0]) {
    return this.#status.subscribe(listener);
  }

  async run(_request: RunRequest): Promise<RunEnd> {
    return { reason: 'failed', durationMs: 0, message: this.message };
  }
}
