// One run of a lesson: its files in a fresh folder, the server started, the client started once
// the server listens, every event reported, and everything stopped and removed at the end.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LessonFile, LessonProcess, RunEnd, RunEndReason, RunEvent } from '../schemas/run-events.ts';
import { FILE_NAME_PATTERN } from '../schemas/runner-protocol.ts';
import { startLessonProcess, type LessonProcessHandle, type ProcessExit } from './lesson-process.ts';

export interface RunLimits {
  /** Wall-clock limit for the whole run. */
  timeLimitMs: number;
  /** How long server.js may take to call listen() before the run is called off. */
  listenTimeoutMs: number;
  /** Output bytes (both processes together) passed on before the rest is dropped. */
  outputLimitBytes: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  timeLimitMs: 60_000,
  listenTimeoutMs: 10_000,
  outputLimitBytes: 1024 * 1024,
};

/** After the client exits, the server's meter needs one sampling tick to report the closed sockets. */
const SETTLE_AFTER_CLIENT_MS = 250;

export interface RunLessonOptions {
  files: LessonFile[];
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  limits?: Partial<RunLimits>;
}

export async function runLesson(options: RunLessonOptions): Promise<RunEnd> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const startedAt = performance.now();
  const folder = await mkdtemp(join(tmpdir(), 'keep-alive-lab-run-'));
  const processes: LessonProcessHandle[] = [];
  try {
    for (const file of options.files) {
      // The protocol schema checked this already; checked again because this is where it matters.
      if (!FILE_NAME_PATTERN.test(file.name) || file.name.includes('..')) {
        throw new Error(`Refused file name "${file.name}": only bare names like client.js are allowed.`);
      }
      await writeFile(join(folder, file.name), file.content);
    }
    const reason = await supervise(options, limits, startedAt, folder, processes);
    return { ...reason, durationMs: Math.round(performance.now() - startedAt) };
  } finally {
    for (const child of processes) child.stop();
    await Promise.all(processes.map((child) => child.exited));
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  }
}

type Outcome = { reason: RunEndReason; message?: string };

function supervise(
  options: RunLessonOptions,
  limits: RunLimits,
  startedAt: number,
  folder: string,
  processes: LessonProcessHandle[],
): Promise<Outcome> {
  const emit = options.onEvent;
  const output = outputBudget(limits.outputLimitBytes, emit);

  return new Promise<Outcome>((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let finished = false;
    const finish = (outcome: Outcome) => {
      if (finished) return;
      finished = true;
      timers.forEach(clearTimeout);
      options.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ reason: 'stopped', message: 'Stopped.' });
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });

    timers.push(
      setTimeout(
        () =>
          finish({
            reason: 'time-limit',
            message: `Stopped after ${limits.timeLimitMs / 1000} s, the time limit for one run. Does the client finish its work and exit?`,
          }),
        limits.timeLimitMs,
      ),
    );

    const start = (name: LessonProcess, env: Record<string, string>) => {
      const child = startLessonProcess({
        name,
        folder,
        env,
        onOutput: (stream, text) => output(name, stream, text),
        onMeter: (message) => {
          if (message.type === 'sample') {
            const { server, client } = message;
            emit({ type: 'meter', process: name, at: Math.round(performance.now() - startedAt), counts: { server, client } });
          } else if (name === 'server') {
            onListening(message.port);
          }
        },
      });
      processes.push(child);
      child.exited.then((exit) => emit({ type: 'exit', process: name, ...exit }));
      return child;
    };

    let clientStarted = false;
    const onListening = (port: number) => {
      if (clientStarted || finished) return;
      clientStarted = true;
      clearTimeout(listenTimer);
      emit({ type: 'phase', phase: 'starting-client', port });
      const client = start('client', { PORT: String(port) });
      client.exited.then((exit) => {
        const outcome: Outcome =
          exit.code === 0 || exit.stoppedByLab
            ? { reason: 'completed' }
            : { reason: 'failed', message: `client.js ${describeExit(exit)}. Its output above says why.` };
        timers.push(setTimeout(() => finish(outcome), SETTLE_AFTER_CLIENT_MS));
      });
    };

    const listenTimer = setTimeout(
      () =>
        finish({
          reason: 'failed',
          message: `server.js did not start listening within ${limits.listenTimeoutMs / 1000} s. Make sure it calls server.listen(process.env.PORT).`,
        }),
      limits.listenTimeoutMs,
    );
    timers.push(listenTimer);
    emit({ type: 'phase', phase: 'starting-server' });
    const server = start('server', { PORT: '0' });
    server.exited.then((exit) => {
      if (clientStarted || exit.stoppedByLab) return;
      finish({
        reason: 'failed',
        message: `server.js ${describeExit(exit)} before it started listening, so client.js was not started. Its output above says why.`,
      });
    });
  });
}

function describeExit(exit: ProcessExit): string {
  return exit.code !== null ? `exited with code ${exit.code}` : `was ended by signal ${exit.signal}`;
}

/** Passes output on until the run's budget is spent, then says so once and drops the rest. */
function outputBudget(limitBytes: number, emit: (event: RunEvent) => void) {
  let used = 0;
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    emit({
      type: 'notice',
      level: 'warning',
      text: `Output limit reached: only the first ${Math.round(limitBytes / 1024)} KiB of output are shown. The processes keep running.`,
    });
  };
  return (process: LessonProcess, stream: 'stdout' | 'stderr', text: string) => {
    if (used >= limitBytes) return announce();
    const bytes = Buffer.byteLength(text);
    if (used + bytes <= limitBytes) {
      used += bytes;
      emit({ type: 'output', process, stream, text });
      return;
    }
    // A cut through a multi-byte character only costs that character.
    emit({ type: 'output', process, stream, text: Buffer.from(text).subarray(0, limitBytes - used).toString() });
    used = limitBytes;
    announce();
  };
}
