// The one seam between a lesson page and whatever runs its code. The page depends on this file
// only; the local runner and (next) WebContainer adapters implement it, and tests fake it.
import type { NodeFeature } from '../schemas/node-features.ts';
import type { RunEnd, RunEvent } from '../schemas/run-events.ts';
import type { LessonFile } from '../schemas/runner-protocol.ts';

export type RuntimeKind = 'local' | 'webcontainer' | 'none';

/** What the page shows about the runtime. A union, so the UI renders one state at a time. */
export type RuntimeStatus =
  | { state: 'idle' }
  | { state: 'booting'; detail: string }
  /** `note`: something the learner should know about where code runs (a different Node, a late start). */
  | { state: 'ready'; note?: string }
  | { state: 'running' }
  /** The run waits for a free slot in a shared runner (a workshop room); `ahead` runs wait before it. */
  | { state: 'queued'; ahead: number }
  | { state: 'failed'; message: string }
  | { state: 'unavailable'; message: string };

/** A passed Check, as a room board counts it: a random id for the learner, never a name. */
export interface PassedCheck {
  learner: string;
  lesson: string;
  challenge?: string;
  /** The learner had applied the lesson's solution: the board counts it apart from passes. */
  solutionApplied?: boolean;
}

export interface RunRequest {
  files: LessonFile[];
  /** Aborting stops the run: Stop, a new Run, leaving the page. */
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
}

export interface Runtime {
  readonly kind: RuntimeKind;
  readonly label: string;
  /** The Node version code runs on, where the runtime has checked it (WebContainer does). */
  readonly nodeVersion?: string | undefined;
  /** Node features some lessons rely on that this runtime's Node lacks (src/schemas/node-features.ts). */
  readonly missingFeatures?: readonly NodeFeature[];
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
  /**
   * Tells a workshop's room board that this learner passed a Check (of the lesson, or of one of
   * its challenges). Only a runtime serving a room implements it; it sends no name and no code.
   */
  reportPassed?(passed: PassedCheck): void;
}
