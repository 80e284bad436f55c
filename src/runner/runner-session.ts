// One page's conversation with the runner over a WebSocket: at most one run at a time,
// a new Run stops the one before it, and a closed page stops whatever it started.
import type { WebSocket } from 'ws';
import { pageMessage, type PageMessage, type RunnerMessage } from '../schemas/runner-protocol.ts';
import { runLesson, type RunLimits } from './run-lesson.ts';

interface ActiveRun {
  runId: string;
  controller: AbortController;
  done: Promise<void>;
}

export interface SessionOptions {
  limits: RunLimits;
  /** Runs the whole runner allows at once, across pages. */
  maxConcurrentRuns: number;
  /** Every run the runner starts, so shutdown can stop them all. */
  activeRuns: Set<Promise<void>>;
  onStopAll: Set<() => void>;
}

export function startRunnerSession(socket: WebSocket, options: SessionOptions): void {
  let current: ActiveRun | undefined;
  const send = (message: RunnerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const stopCurrent = () => current?.controller.abort();
  options.onStopAll.add(stopCurrent);

  send({
    type: 'hello',
    runner: 'local',
    timeLimitMs: options.limits.timeLimitMs,
    outputLimitBytes: options.limits.outputLimitBytes,
  });

  // Messages are handled one after another, so a Run that stops the previous run cannot
  // overtake it.
  let queue = Promise.resolve();
  socket.on('message', (data, isBinary) => {
    queue = queue.then(() => handle(data.toString(), isBinary));
  });
  // An oversized or malformed frame makes ws emit 'error' and close the connection (1009/1002).
  // Unhandled, that error would take the whole runner down; 'close' below does the cleanup.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    options.onStopAll.delete(stopCurrent);
    stopCurrent();
  });

  async function handle(text: string, isBinary: boolean): Promise<void> {
    const message = parse(text, isBinary);
    if ('refused' in message) {
      send({ type: 'refused', message: message.refused });
      return;
    }
    if (message.type === 'stop') {
      if (current?.runId === message.runId) stopCurrent();
      return;
    }
    if (current) {
      stopCurrent();
      await current.done;
    }
    if (socket.readyState !== socket.OPEN) return;
    const { runId } = message;
    if (options.activeRuns.size >= options.maxConcurrentRuns) {
      send({
        type: 'refused',
        runId,
        message: `The runner is busy: ${options.maxConcurrentRuns} runs are already going on (in other tabs or pages). Press Run again when one has ended.`,
      });
      return;
    }
    const controller = new AbortController();
    const done = runLesson({
      files: message.files,
      signal: controller.signal,
      limits: options.limits,
      onEvent: (event) => send({ runId, ...event }),
    })
      .then((end) => send({ type: 'end', runId, end }))
      .catch((error: unknown) =>
        send({
          type: 'end',
          runId,
          end: { reason: 'failed', durationMs: 0, message: `The runner could not start this run: ${String(error)}` },
        }),
      )
      .finally(() => {
        options.activeRuns.delete(done);
        if (current?.runId === runId) current = undefined;
      });
    options.activeRuns.add(done);
    current = { runId, controller, done };
  }
}

function parse(text: string, isBinary: boolean): PageMessage | { refused: string } {
  if (isBinary) return { refused: 'Refused: messages must be JSON text, not binary.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { refused: 'Refused: the message is not valid JSON.' };
  }
  const result = pageMessage.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  return { refused: `Refused: ${issue?.message ?? 'unknown message'}${where}. Nothing was run.` };
}
