// How long the run has gone on and how long it has left before the runtime's time limit stops it,
// ticking once a second: a client stuck in `while (true) {}` shows time passing, not a frozen
// "Running: …". Shown beside the run status in an element of its own (role="timer", not read out
// on every tick), not in the status line, which is a live region a screen reader reads.

/** "12 s elapsed · 48 s left of the 60 s limit" (and minutes from 2 min, for longer limits). */
export function describeRunTime(elapsedMs: number, limitMs: number): string {
  const elapsed = Math.max(0, Math.floor(elapsedMs / 1000));
  const left = Math.max(0, Math.ceil((limitMs - elapsedMs) / 1000));
  return `${duration(elapsed)} elapsed · ${duration(left)} left of the ${duration(Math.round(limitMs / 1000))} limit`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export interface ClockDeps {
  now(): number;
  setInterval(tick: () => void, ms: number): ReturnType<typeof setInterval>;
  clearInterval(handle: ReturnType<typeof setInterval>): void;
}

const realClock: ClockDeps = {
  now: () => performance.now(),
  setInterval: (tick, ms) => setInterval(tick, ms),
  clearInterval: (handle) => clearInterval(handle),
};

export class RunClock {
  readonly #show: (text: string) => void;
  readonly #deps: ClockDeps;
  #timer?: ReturnType<typeof setInterval>;

  /** `show('')` hides the clock. */
  constructor(show: (text: string) => void, deps: ClockDeps = realClock) {
    this.#show = show;
    this.#deps = deps;
  }

  /** The run started, and the runtime stops it after `limitMs`. */
  start(limitMs: number): void {
    this.stop();
    const startedAt = this.#deps.now();
    const tick = () => this.#show(describeRunTime(this.#deps.now() - startedAt, limitMs));
    tick();
    this.#timer = this.#deps.setInterval(tick, 1000);
  }

  /** The run is over (or was dropped): the clock stops and hides. */
  stop(): void {
    if (this.#timer === undefined) return;
    this.#deps.clearInterval(this.#timer);
    this.#timer = undefined;
    this.#show('');
  }
}
