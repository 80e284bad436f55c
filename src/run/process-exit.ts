// How a lesson process ended, in words: the run core's failure messages and the output panel's
// closing line say it the same way.

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** The run ended the process (Stop, time limit, end of run), not the code itself. */
  stoppedByLab: boolean;
}

/** "exited with code 1", "was ended by signal SIGKILL", or "was stopped by the lab". */
export function describeExit(exit: ProcessExit): string {
  if (exit.stoppedByLab) return 'was stopped by the lab';
  return exit.code !== null ? `exited with code ${exit.code}` : `was ended by signal ${exit.signal}`;
}
