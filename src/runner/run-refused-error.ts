// A run the runner will not start, because of what the learner's files are: its message says what
// to change, and the page shows it as it is (no "Error:" in front, no stack).

export class RunRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunRefusedError';
  }
}

/** What the page shows for a run that could not start: a refusal as it is, anything else as the runner's failure. */
export function startFailureMessage(error: unknown): string {
  if (error instanceof RunRefusedError) return `${error.message} Nothing was run.`;
  return `The runner could not start this run: ${error instanceof Error ? error.message : String(error)}. Stop the lab (Ctrl+C) and start it again with npm start; if it happens again, the terminal shows why.`;
}
