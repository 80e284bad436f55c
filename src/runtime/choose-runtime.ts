// Decides which runtime a lesson page uses. Today: the local runner when `npm start` serves the
// page, otherwise none, with a message that says what to do.
import { detectLocalRunner, LocalRuntime } from './local/local-runtime.ts';
import { NoRuntime } from './no-runtime.ts';
import type { Runtime } from './runtime.ts';

export const NO_RUNNER_MESSAGE =
  'Nothing can run code on this page: it is not served by the lab’s local runner. In the lab’s folder run `npm install && npm start`, then open http://localhost:4321.';

export async function chooseRuntime(): Promise<Runtime> {
  if (await detectLocalRunner()) {
    const runtime = new LocalRuntime();
    runtime.warmUp();
    return runtime;
  }
  return new NoRuntime(NO_RUNNER_MESSAGE);
}
