// The one seam between a lesson page and whatever runs its code. The page depends on this file
// only; the local runner and (next) WebContainer adapters implement it, and tests fake it.
import type { LessonFile, RunEnd, RunEvent } from '../schemas/run-events.ts';

export type RuntimeKind = 'local' | 'webcontainer' | 'none';

/** What the page shows about the runtime. A union, so the UI renders one state at a time. */
export type RuntimeStatus =
  | { state: 'idle' }
  | { state: 'booting'; detail: string }
  | { state: 'ready' }
  | { state: 'running' }
  | { state: 'failed'; message: string }
  | { state: 'unavailable'; message: string };

export interface RunRequest {
  files: LessonFile[];
  /** Aborting stops the run: Stop, a new Run, leaving the page. */
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  readonly label: string;
  status(): RuntimeStatus;
  /**
   * Gets ready to run (connects, boots) ahead of the first Run; called on the learner's first
   * interaction with the workspace. Never rejects: failures show in the status.
   */
  prepare(): Promise<void>;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: RuntimeStatus) => void): () => void;
  /** Runs server.js and client.js; resolves when the run is over, however it ended. Never rejects. */
  run(request: RunRequest): Promise<RunEnd>;
}
