// The events of one run, as every runtime reports them (local runner today, WebContainer next).
// The page renders only from these, so it never cares which runtime produced them.
// Plain types, no zod: this file is imported by browser code, where bytes count.
import type { LaneEvent, MeterCounts } from './meter.ts';

export type LessonProcess = 'server' | 'client';

export type RunEvent =
  /** `timeLimitMs` (on starting-server): when the runtime will stop the run, for the page's countdown. */
  | { type: 'phase'; phase: 'starting-server' | 'starting-client'; port?: number; timeLimitMs?: number }
  | { type: 'output'; process: LessonProcess; stream: 'stdout' | 'stderr'; text: string }
  /** `lanes`: the server's connection events since the last sample, times in ms from the run's start. */
  | { type: 'meter'; process: LessonProcess; at: number; counts: MeterCounts; lanes?: LaneEvent[] }
  /** `stoppedByLab`: the runtime ended the process (Stop, time limit, end of run), not the code itself. */
  | { type: 'exit'; process: LessonProcess; code: number | null; signal: string | null; stoppedByLab: boolean }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  /** Output left out here (src/run/output-budget.ts): the first output came before it, the last comes after. */
  | { type: 'skipped'; bytes: number; lines: number };

/** Why a run ended. `completed` means the client exited by itself. */
export type RunEndReason = 'completed' | 'stopped' | 'time-limit' | 'failed';

export interface RunEnd {
  reason: RunEndReason;
  /** Milliseconds from the start of the run to its end. */
  durationMs: number;
  /** What to tell the learner when the run did not complete. */
  message?: string;
  /** The first error line the failing process printed (src/run/first-error.ts), for the output panel to mark. */
  firstError?: { process: LessonProcess; text: string; where?: string };
}
