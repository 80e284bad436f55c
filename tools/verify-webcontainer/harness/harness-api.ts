// What the harness page offers the kit on `window.kalVerify`. Types only: the page implements
// it (harness-client.ts), the kit calls it through Playwright (../browser-session.ts).
import type { RuntimeStatus } from '../../../src/runtime/runtime.ts';
import type { RunEnd, RunEvent } from '../../../src/schemas/run-events.ts';
import type { LessonFile } from '../../../src/schemas/runner-protocol.ts';

export interface HarnessBoot {
  /** Whether the runtime reached `ready` after `prepare()`. */
  ok: boolean;
  /** Milliseconds `runtime.prepare()` took: the boot and mounting the project files. */
  bootMs: number;
  /** What the runtime says after preparing; the failure message if it failed. */
  status: RuntimeStatus;
  /** `nodeVersion` as the WebContainer runtime reports it after boot, where it does. */
  nodeVersion?: string;
  /** Node features the runtime found missing after boot, where it reports them. */
  missingFeatures?: string[];
  /** Absent when the page never answered. */
  crossOriginIsolated?: boolean;
}

export interface HarnessRun {
  end: RunEnd;
  events: RunEvent[];
}

export interface HarnessApi {
  boot(options: { nodeMajor: number; bootTimeoutMs: number }): Promise<HarnessBoot>;
  run(files: LessonFile[], timeoutMs: number): Promise<HarnessRun>;
}

declare global {
  interface Window {
    kalVerify?: HarnessApi;
  }
}
