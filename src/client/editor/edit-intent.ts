// When to fetch the editor before the learner clicks into code. Monaco is the heaviest thing a
// lesson has; fetched and started on the click, it keeps the learner waiting (README,
// Performance). Fetched ahead, the click only mounts it. A reader who never edits, or a phone on
// a slow link, must not pay for it, so it is fetched ahead only on signs that a click is coming,
// and only on a connection that is not known to be slow or metered:
//
// - the mouse (or pen) resting on the code or its tabs for HOVER_MS: a click on its way (a
//   pointer that clicks at once is the click's to answer: Monaco's code, run on the way in, would
//   hold the page just as the learner starts typing);
// - keyboard focus entering the workspace: a learner tabbing to the code or to Run (a mouse click
//   on Run moves focus too, but says nothing about editing);
// - a learner who opened the editor in an earlier lesson (local-store.ts, editorUsedRecently):
//   they will most likely edit here too, so the editor starts at the page's first idle moment,
//   from the HTTP cache where the earlier lesson left it. A new page must run Monaco's code again
//   (README, "The editor, ahead of the click"), and this takes that off the click;
// - a reader who has stayed on the lesson, the page visible all along, for DWELL_MS: only where
//   the browser says the connection is fast, since nothing else here says the reader will edit.

export const DWELL_MS = 4_000;
export const HOVER_MS = 100;

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

export type EditIntent = 'pointer' | 'focus' | 'returning' | 'dwell';

export interface EditIntentOptions {
  /** The code and its tabs: the mouse entering them is a click on its way. */
  code: HTMLElement;
  /** The whole workspace: focus entering it is a keyboard learner on the way to the code. */
  workspace: HTMLElement;
  /** Called once, with the first sign seen. */
  onIntent(intent: EditIntent): void;
  /** Ends the watch (the page is left). */
  signal: AbortSignal;
  /** The learner opened the editor in an earlier lesson. */
  returning?: boolean;
  speed?: ConnectionSpeed;
  dwellMs?: number;
}

/** Runs `then` at an idle moment, or within `timeout` ms. */
function atIdle(then: () => void, timeout: number): void {
  if ('requestIdleCallback' in window) requestIdleCallback(then, { timeout });
  else setTimeout(then);
}

/** Watches for the first sign that the learner is about to edit. */
export function watchEditIntent({ code, workspace, onIntent, signal, returning = false, speed = browserConnectionSpeed(), dwellMs = DWELL_MS }: EditIntentOptions): void {
  if (speed === 'slow') return;
  let seen = false;
  const see = (intent: EditIntent) => {
    if (seen || signal.aborted) return;
    seen = true;
    onIntent(intent);
  };
  let hover = 0;
  code.addEventListener('pointerenter', (event) => {
    if (event.pointerType === 'mouse' || event.pointerType === 'pen') hover = window.setTimeout(() => see('pointer'), HOVER_MS);
  }, { signal });
  for (const type of ['pointerleave', 'pointerdown']) code.addEventListener(type, () => clearTimeout(hover), { signal });
  workspace.addEventListener('focusin', (event) => {
    if (event.target instanceof Element && event.target.matches(':focus-visible')) see('focus');
  }, { signal });
  if (returning) {
    // Not in a tab opened in the background: there, the page it would slow is the one in front.
    const whenShown = () => {
      if (document.hidden) return;
      document.removeEventListener('visibilitychange', whenShown);
      atIdle(() => see('returning'), 2_000);
    };
    document.addEventListener('visibilitychange', whenShown, { signal });
    whenShown();
  }
  if (speed !== 'fast') return;
  // The dwell counts while the page is visible. The fetch waits for the end of a run and for an
  // idle moment: starting Monaco takes the main thread for a few hundred milliseconds, which the
  // meter drawing a run, or a reader scrolling, would feel.
  let timer = 0;
  const whenIdle = () => {
    if (workspace.hasAttribute('data-running')) timer = window.setTimeout(whenIdle, 1_000);
    else atIdle(() => see('dwell'), 2_000);
  };
  const count = () => {
    clearTimeout(timer);
    if (!document.hidden) timer = window.setTimeout(whenIdle, dwellMs);
  };
  document.addEventListener('visibilitychange', count, { signal });
  signal.addEventListener('abort', () => (clearTimeout(timer), clearTimeout(hover)), { once: true });
  count();
}
