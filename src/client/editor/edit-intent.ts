// When to fetch the editor before the learner clicks into code. Monaco is the heaviest thing a
// lesson has; fetched and started on the click, it keeps the learner waiting (README,
// Performance). Fetched ahead, the click only mounts it. A reader who never edits, or a phone on
// a slow link, must not pay for it, so it is fetched ahead only on signs that a click is coming,
// and only on a connection that is not known to be slow or metered:
//
// - the mouse (or pen) entering the code and its tabs: a click on its way;
// - focus entering the workspace: a keyboard learner tabbing to the code or to Run;
// - a reader who has stayed on the lesson, visible, for DWELL_MS: only where the browser says the
//   connection is fast, since nothing else here says the reader will edit.

export const DWELL_MS = 4_000;

/** The part of the Network Information API this reads (Chromium browsers; absent elsewhere). */
export interface ConnectionHint {
  effectiveType?: string;
  saveData?: boolean;
}

export type ConnectionSpeed = 'fast' | 'slow' | 'unknown';

export function connectionSpeed(connection: ConnectionHint | undefined, reducedData: boolean): ConnectionSpeed {
  if (reducedData || connection?.saveData) return 'slow';
  if (!connection?.effectiveType) return 'unknown';
  return connection.effectiveType === '4g' ? 'fast' : 'slow';
}

function browserConnectionSpeed(): ConnectionSpeed {
  const connection = (navigator as Navigator & { connection?: ConnectionHint }).connection;
  return connectionSpeed(connection, matchMedia('(prefers-reduced-data: reduce)').matches);
}

export type EditIntent = 'pointer' | 'focus' | 'dwell';

export interface EditIntentOptions {
  /** The code and its tabs: the mouse entering them is a click on its way. */
  code: HTMLElement;
  /** The whole workspace: focus entering it is a keyboard learner on the way to the code. */
  workspace: HTMLElement;
  /** Called once, with the first sign seen. */
  onIntent(intent: EditIntent): void;
  /** Ends the watch (the page is left). */
  signal: AbortSignal;
  speed?: ConnectionSpeed;
  dwellMs?: number;
}

/** Watches for the first sign that the learner is about to edit. */
export function watchEditIntent({ code, workspace, onIntent, signal, speed = browserConnectionSpeed(), dwellMs = DWELL_MS }: EditIntentOptions): void {
  if (speed === 'slow') return;
  const watching = new AbortController();
  signal.addEventListener('abort', () => watching.abort(), { once: true });
  const seen = (intent: EditIntent) => {
    if (watching.signal.aborted) return;
    watching.abort();
    onIntent(intent);
  };
  const options = { signal: watching.signal };
  code.addEventListener('pointerenter', (event) => {
    if (event.pointerType === 'mouse' || event.pointerType === 'pen') seen('pointer');
  }, options);
  workspace.addEventListener('focusin', () => seen('focus'), options);
  if (speed === 'fast') afterVisibleDwell(dwellMs, () => seen('dwell'), watching.signal);
}

function whenIdle(callback: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(callback, { timeout: 2_000 });
  else setTimeout(callback, 0);
}

/**
 * Calls `done` once the page has been visible for `ms` in all, then at the next idle moment, so
 * that starting the editor never competes with the reader scrolling or clicking.
 */
function afterVisibleDwell(ms: number, done: () => void, signal: AbortSignal): void {
  let left = ms;
  let startedAt = 0;
  let timer = 0;
  const start = () => {
    startedAt = performance.now();
    timer = window.setTimeout(() => whenIdle(() => signal.aborted || done()), left);
  };
  const pause = () => {
    clearTimeout(timer);
    left = Math.max(0, left - (performance.now() - startedAt));
  };
  document.addEventListener('visibilitychange', () => (document.hidden ? pause() : start()), { signal });
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  if (!document.hidden) start();
}
