// What the status says when a process ends a run by failing: the first error it printed, with
// its file and line, where there is one; that it printed nothing, where it printed nothing. It
// names the Output panel rather than pointing "above" or "below": where the panel sits depends on
// the layout (beside the code, under it, on a phone).
import type { LessonProcess } from '../schemas/run-events.ts';
import { findFirstError, type FirstError } from './first-error.ts';
import { describeExit, type ProcessExit } from './process-exit.ts';

/** Most stderr kept per process to look for the first error in: it is near the start. */
const STDERR_KEPT_CHARS = 64 * 1024;

/** What each process printed, as far as a failure message needs to know. */
export class PrintedSoFar {
  readonly #printed = new Set<LessonProcess>();
  readonly #stderr: Record<LessonProcess, string> = { server: '', client: '' };

  add(process: LessonProcess, stream: 'stdout' | 'stderr', text: string): void {
    if (text) this.#printed.add(process);
    if (stream === 'stderr' && this.#stderr[process].length < STDERR_KEPT_CHARS) this.#stderr[process] += text.slice(0, STDERR_KEPT_CHARS);
  }

  printed(process: LessonProcess): boolean {
    return this.#printed.has(process);
  }

  firstError(process: LessonProcess): FirstError | undefined {
    return findFirstError(this.#stderr[process]);
  }
}

export interface Failure {
  message: string;
  /** The error line to mark in the Output panel. */
  firstError?: FirstError & { process: LessonProcess };
}

/** client.js exited with an error code or signal after it was started. */
export function clientFailure(exit: ProcessExit, printed: PrintedSoFar): Failure {
  const ended = `client.js ${describeExit(exit)}`;
  return failure('client', ended, printed, `${ended} without printing anything. Log what it does (console.log) to see how far it gets.`);
}

/** server.js exited (with any code) before it listened, so client.js never started. */
export function serverFailure(exit: ProcessExit, printed: PrintedSoFar): Failure {
  const ended = `server.js ${describeExit(exit)} before it started listening, so client.js was not started`;
  const silent = `server.js ${describeExit(exit)} without listening and without printing anything, so client.js was not started. server.js has to start a server and keep it open: call server.listen(process.env.PORT).`;
  return failure('server', ended, printed, silent);
}

function failure(process: LessonProcess, ended: string, printed: PrintedSoFar, silent: string): Failure {
  const error = printed.firstError(process);
  if (error) {
    return {
      message: `${error.where ?? `${process}.js`}: ${error.text} — ${ended}. The error is marked in the Output panel.`,
      firstError: { ...error, process },
    };
  }
  if (!printed.printed(process)) return { message: silent };
  return { message: `${ended}. What it printed is in the Output panel.` };
}
