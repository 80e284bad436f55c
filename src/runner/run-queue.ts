// First come, first served: a room that presses Run together must not be told to try again.
// Runs beyond the runner's limit wait here for a free slot, in the order they arrived, and each
// waiter hears how many runs are ahead of it whenever that changes. With `maxWaiting: 0` it
// refuses instead of queueing, as the runner did before (kept for the bench's comparison).

/** Ends a run's hold on its slot; safe to call more than once. */
export type ReleaseSlot = () => void;

export interface QueueEntry {
  /** Resolves with the slot once it is this entry's turn; never rejects. Undefined if it left first. */
  readonly turn: Promise<ReleaseSlot | undefined>;
  /** Leaves the queue (Stop, a closed page). Does nothing once the entry holds a slot. */
  leave(): void;
}

export interface RunQueueOptions {
  /** Runs at once across the whole runner. */
  maxRunning: number;
  /** Runs that may wait for a slot; beyond that, enter() refuses. */
  maxWaiting?: number;
}

interface Waiter {
  grant(release: ReleaseSlot | undefined): void;
  onAhead(ahead: number): void;
}

export class RunQueue {
  readonly maxRunning: number;
  readonly maxWaiting: number;
  #running = 0;
  readonly #waiting: Waiter[] = [];

  constructor(options: RunQueueOptions) {
    if (!Number.isInteger(options.maxRunning) || options.maxRunning < 1) {
      throw new RangeError(`maxRunning must be a whole number of runs, 1 or more (got ${options.maxRunning}).`);
    }
    this.maxRunning = options.maxRunning;
    this.maxWaiting = options.maxWaiting ?? Infinity;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Takes a place in line. `onAhead` hears how many runs wait ahead of this one, at once if it
   * has to wait and again whenever that changes; it is not called for a run that starts at once.
   * Undefined when the line is full (only with a `maxWaiting`).
   */
  enter(onAhead: (ahead: number) => void): QueueEntry | undefined {
    if (this.#running < this.maxRunning && this.#waiting.length === 0) {
      return { turn: Promise.resolve(this.#take()), leave: () => undefined };
    }
    if (this.#waiting.length >= this.maxWaiting) return undefined;
    let waiter!: Waiter;
    const turn = new Promise<ReleaseSlot | undefined>((resolve) => {
      waiter = { grant: resolve, onAhead };
    });
    this.#waiting.push(waiter);
    onAhead(this.#waiting.length - 1);
    return {
      turn,
      leave: () => {
        const index = this.#waiting.indexOf(waiter);
        if (index === -1) return;
        this.#waiting.splice(index, 1);
        waiter.grant(undefined);
        this.#tellPositions(index);
          },
    };
  }

  #take(): ReleaseSlot {
    this.#running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running -= 1;
      const next = this.#waiting.shift();
      if (next) {
        next.grant(this.#take());
        this.#tellPositions(0);
      }
      };
  }

  /** Everyone from `from` on moved up one place. */
  #tellPositions(from: number) {
    for (let index = from; index < this.#waiting.length; index++) this.#waiting[index]!.onAhead(index);
  }
}
