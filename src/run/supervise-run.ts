// The life of one run, the same in every runtime: start server.js, wait for it to listen, start
// client.js with its port, pass on output (up to a budget) and meter samples, and end on client
// exit, Stop, a time limit or a failure, stopping every process before reporting the end.
// Runtimes supply only a way to launch a process (ProcessLauncher). No Node or DOM imports here:
// the local runner and the WebContainer adapter in the browser both use it.
import { meterMessage, type LaneEvent } from '../schemas/meter.ts';
import type { LessonProcess, RunEnd, RunEndReason, RunEvent } from '../schemas/run-events.ts';
import { clientFailure, PrintedSoFar, serverFailure } from './failure-message.ts';
import { OutputBudget } from './output-budget.ts';
import type { ProcessExit } from './process-exit.ts';

export interface RunLimits {
  /** Wall-clock limit for the whole run. */
  timeLimitMs: number;
  /** How long server.js may take to call listen() before the run is called off. */
  listenTimeoutMs: number;
  /** Output bytes (both processes together) passed on as they come (src/run/output-budget.ts). */
  outputLimitBytes: number;
  /** After those, the last output bytes kept and passed on when the run ends, after a 'skipped' event. */
  tailOutputBytes: number;
  /**
   * How long to keep listening after client.js exits, so the server's meter can report the
   * connections closing. One sampling tick (100 ms) is enough where samples arrive through a
   * pipe; WebContainer's arrive through files the page polls, so it waits longer.
   */
  settleAfterClientMs: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  timeLimitMs: 60_000,
  listenTimeoutMs: 10_000,
  outputLimitBytes: 1024 * 1024,
  tailOutputBytes: 64 * 1024,
  settleAfterClientMs: 250,
};

/**
 * Most a confined run may write into its folder (src/runner/confinement.ts): the folder is a
 * tmpfs of this size, so a run that fills it gets ENOSPC and the disk does not fill. Here because
 * this file has no imports to weigh down the page that shows the notice.
 */
export const RUN_FOLDER_CAP_BYTES = 64 * 1024 * 1024;

export type { ProcessExit };

export interface LaunchedProcess {
  /** Resolves once the process has exited and its output has been passed on. */
  readonly exited: Promise<ProcessExit>;
  /** Ends the process and anything it spawned. Safe to call more than once. */
  stop(): void;
}

export interface ProcessSinks {
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  /** One line the meter wrote; parsed and checked here, so a malformed line is dropped. */
  onMeterLine(line: string): void;
}

export interface ProcessLauncher {
  start(name: LessonProcess, env: Record<string, string>, sinks: ProcessSinks): LaunchedProcess;
}

export interface SuperviseOptions {
  launcher: ProcessLauncher;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  limits?: Partial<RunLimits>;
  /**
   * Lets a runtime report a listening port it learned another way (WebContainer's 'port' event),
   * for when the meter inside the process cannot. Receives the function to call.
   */
  listenHint?(report: (port: number) => void): void;
  /** The PORT server.js is given. 0 (the default) lets the system choose a free one. */
  serverPort?: number;
}

type Outcome = Omit<RunEnd, 'durationMs'> & { reason: RunEndReason };

export async function superviseRun(options: SuperviseOptions): Promise<RunEnd> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const startedAt = performance.now();
  const processes: LaunchedProcess[] = [];
  const budget = new OutputBudget({ liveBytes: limits.outputLimitBytes, tailBytes: limits.tailOutputBytes }, options.onEvent);
  try {
    const outcome = await watch(options, limits, startedAt, processes, budget);
    return { ...outcome, durationMs: Math.round(performance.now() - startedAt) };
  } finally {
    for (const child of processes) child.stop();
    await Promise.all(processes.map((child) => child.exited));
    // The last output, after every process has passed its output on.
    budget.finish();
  }
}

function watch(options: SuperviseOptions, limits: RunLimits, startedAt: number, processes: LaunchedProcess[], budget: OutputBudget): Promise<Outcome> {
  const emit = options.onEvent;
  const output = outputNotices(budget, emit);
  const printed = new PrintedSoFar();

  return new Promise<Outcome>((resolve) => {
    const timers: ReturnType<typeof setTimeout>[] = [];
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
    const listenTimer = setTimeout(
      () =>
        finish({
          reason: 'failed',
          message: `server.js did not start listening within ${limits.listenTimeoutMs / 1000} s. Make sure it calls server.listen(process.env.PORT).`,
        }),
      limits.listenTimeoutMs,
    );
    timers.push(listenTimer);

    const start = (name: LessonProcess, env: Record<string, string>) => {
      // The meter's clock starts with its process; the run's with Run. The offset between them
      // is fixed, so it is taken once, from the first sample: per-sample offsets would carry
      // each sample's delivery delay and could reorder events from different samples.
      let shift: number | undefined;
      const child = options.launcher.start(name, env, {
        onOutput: (stream, text) => {
          printed.add(name, stream, text);
          output(name, stream, text);
        },
        onMeterLine: (line) => {
          const message = parseMeterLine(line);
          if (message?.type === 'sample') {
            const { server, client, t, lanes } = message;
            const at = Math.round(performance.now() - startedAt);
            shift ??= t === undefined ? 0 : at - t;
            const offset = shift;
            const shifted = lanes?.length ? lanes.map(([id, kind, time]): LaneEvent => [id, kind, Math.round(time + offset)]) : undefined;
            emit({ type: 'meter', process: name, at, counts: { server, ...(client ? { client } : {}) }, ...(shifted ? { lanes: shifted } : {}) });
          } else if (message?.type === 'listening' && name === 'server') {
            onListening(message.port);
          }
        },
      });
      processes.push(child);
      void child.exited.then((exit) => budget.pass({ type: 'exit', process: name, ...exit }));
      return child;
    };

    let clientStarted = false;
    const onListening = (port: number) => {
      if (clientStarted || finished) return;
      clientStarted = true;
      clearTimeout(listenTimer);
      emit({ type: 'phase', phase: 'starting-client', port });
      const client = start('client', { PORT: String(port) });
      void client.exited.then((exit) => {
        const outcome: Outcome = exit.code === 0 || exit.stoppedByLab ? { reason: 'completed' } : { reason: 'failed', ...clientFailure(exit, printed) };
        timers.push(setTimeout(() => finish(outcome), limits.settleAfterClientMs));
      });
    };

    emit({ type: 'phase', phase: 'starting-server', timeLimitMs: limits.timeLimitMs });
    const server = start('server', { PORT: String(options.serverPort ?? 0) });
    options.listenHint?.(onListening);
    void server.exited.then((exit) => {
      if (clientStarted || exit.stoppedByLab) return;
      finish({ reason: 'failed', ...serverFailure(exit, printed) });
    });
  });
}

function parseMeterLine(line: string) {
  try {
    const result = meterMessage.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Errors a confined run raises, and what to tell the learner (see src/runner/confinement.ts). */
const CONFINEMENT_REFUSALS: [string, string][] = [
  [
    'ERR_ACCESS_DENIED',
    'this run is confined. Lesson code may read and write only its own folder, and may not start processes, workers or native addons.',
  ],
  ['ERR_DLOPEN_DISABLED', 'this run is confined, and lesson code may not load native addons.'],
  ['ENETUNREACH', 'this run is confined to its own loopback network: lesson code can reach 127.0.0.1 and nothing else.'],
  ['ENOSPC', `this run's folder is full: a confined run may write at most ${RUN_FOLDER_CAP_BYTES / 1024 / 1024} MiB into it.`],
];

/** Passes output on to the run's budget, and says once what a refusal or EMFILE in it means. */
function outputNotices(budget: OutputBudget, emit: (event: RunEvent) => void) {
  let outOfDescriptors = false;
  const confinedNotices = new Set<string>();
  return (process: LessonProcess, stream: 'stdout' | 'stderr', text: string) => {
    // A confined run (room mode, --confine) refuses what a lesson never needs; say why once.
    for (const [code, why] of CONFINEMENT_REFUSALS) {
      if (confinedNotices.has(code) || !text.includes(code)) continue;
      confinedNotices.add(code);
      emit({ type: 'notice', level: 'error', text: `${process}.js was refused (${code}): ${why}` });
    }
    if (!outOfDescriptors && text.includes('EMFILE')) {
      outOfDescriptors = true;
      emit({
        type: 'notice',
        level: 'error',
        text: `${process}.js ran out of file descriptors (EMFILE): it holds as many open sockets and files as one process may. That is where a connection leak ends.`,
      });
    }
    budget.add(process, stream, text);
  };
}
