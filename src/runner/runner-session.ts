// One page's conversation with the runner over a WebSocket: at most one run at a time, a new Run
// stops the one before it, and a closed page stops whatever it started. When the runner is at its
// limit, a Run waits its turn in the runner's queue and the page hears its place in line.
import type { WebSocket } from 'ws';
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { pageMessage, type PageMessage, type RunnerMessage } from '../schemas/runner-protocol.ts';
import type { RunLimits } from '../run/supervise-run.ts';
import { runLesson } from './run-lesson.ts';
import { startFailureMessage } from './run-refused-error.ts';
import type { QueueEntry, RunQueue } from './run-queue.ts';

interface ActiveRun {
  runId: string;
  controller: AbortController;
  done: Promise<void>;
}

/** A Run waiting for a slot. A new Run from the same page takes over its place in line. */
interface WaitingRun {
  runId: string;
  files: LessonFile[];
  entry: QueueEntry;
  ahead: number;
  /** Set when the page stopped it: the place is kept briefly for the Run that usually follows. */
  abandon?: ReturnType<typeof setTimeout>;
}

/**
 * A page stops its waiting run and sends the new one in the same moment (Run pressed again):
 * the place in line is kept this long for it, then given up.
 */
const KEEP_PLACE_MS = 1_000;

export interface SessionOptions {
  limits: RunLimits;
  /** The runner's one queue of runs, across pages. */
  queue: RunQueue;
  /** Run confined (see confinement.ts). */
  confine?: boolean;
  /** Every run the runner starts, so shutdown can stop them all. */
  activeRuns: Set<Promise<void>>;
  onStopAll: Set<() => void>;
  /** Whether the lab serves a room: pages then report passed Checks (see room-board.ts). */
  room?: boolean;
  /** Called with a learner's passed Check, in room mode only. */
  onPassed?(report: Extract<PageMessage, { type: 'passed' }>): void;
}

export function startRunnerSession(socket: WebSocket, options: SessionOptions): void {
  let current: ActiveRun | undefined;
  let waiting: WaitingRun | undefined;
  const send = (message: RunnerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const stopCurrent = () => current?.controller.abort();
  const leaveQueue = () => {
    if (!waiting) return;
    clearTimeout(waiting.abandon);
    waiting.entry.leave();
    waiting = undefined;
  };
  const stopAll = () => {
    leaveQueue();
    stopCurrent();
  };
  options.onStopAll.add(stopAll);

  send({
    type: 'hello',
    runner: 'local',
    timeLimitMs: options.limits.timeLimitMs,
    outputLimitBytes: options.limits.outputLimitBytes,
    ...(options.room ? { room: true } : {}),
  });

  // Messages are handled one after another, so a Run that stops the previous run cannot
  // overtake it.
  let inbox = Promise.resolve();
  socket.on('message', (data, isBinary) => {
    inbox = inbox.then(() => handle(data.toString(), isBinary));
  });
  // An oversized or malformed frame makes ws emit 'error' and close the connection (1009/1002).
  // Unhandled, that error would take the whole runner down; 'close' below does the cleanup.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    options.onStopAll.delete(stopAll);
    stopAll();
  });

  async function handle(text: string, isBinary: boolean): Promise<void> {
    const message = parse(text, isBinary);
    if ('refused' in message) {
      send({ type: 'refused', message: message.refused });
      return;
    }
    if (message.type === 'passed') {
      if (options.room) options.onPassed?.(message);
      return;
    }
    if (message.type === 'stop') {
      if (current?.runId === message.runId) stopCurrent();
      if (waiting?.runId === message.runId) {
        send({ type: 'end', runId: waiting.runId, end: { reason: 'stopped', durationMs: 0, message: 'Stopped before it started.' } });
        waiting.abandon ??= setTimeout(leaveQueue, KEEP_PLACE_MS);
      }
      return;
    }
    if (current) {
      stopCurrent();
      await current.done;
    }
    if (socket.readyState !== socket.OPEN) return;
    if (waiting) {
      takeOverPlace(waiting, message.runId, message.files);
      return;
    }
    queueRun(message.runId, message.files);
  }

  /** Run pressed again while waiting: the new code keeps the old run's place in line. */
  function takeOverPlace(place: WaitingRun, runId: string, files: LessonFile[]) {
    if (place.abandon === undefined) {
      send({ type: 'end', runId: place.runId, end: { reason: 'stopped', durationMs: 0, message: 'Replaced by a new Run.' } });
    }
    clearTimeout(place.abandon);
    place.abandon = undefined;
    place.runId = runId;
    place.files = files;
    send({ type: 'queued', runId, ahead: place.ahead });
  }

  function queueRun(runId: string, files: LessonFile[]) {
    let place: WaitingRun | undefined;
    let firstAhead: number | undefined;
    const entry = options.queue.enter((ahead) => {
      if (!place) {
        firstAhead = ahead;
        return;
      }
      place.ahead = ahead;
      if (place.abandon === undefined) send({ type: 'queued', runId: place.runId, ahead });
    });
    if (!entry) {
      send({
        type: 'refused',
        runId,
        message: `The runner is busy: ${options.queue.maxRunning} runs are already going on (in other tabs or pages). Press Run again when one has ended.`,
      });
      return;
    }
    place = { runId, files, entry, ahead: firstAhead ?? 0 };
    waiting = place;
    // A run that has to wait hears its place at once; one that starts at once hears nothing.
    if (firstAhead !== undefined) send({ type: 'queued', runId, ahead: firstAhead });
    void entry.turn.then((release) => {
      if (!release) return;
      if (waiting !== place || place.abandon !== undefined || socket.readyState !== socket.OPEN) {
        // Left in the meantime: give the slot to the next in line.
        if (waiting === place) leaveQueue();
        release();
        return;
      }
      waiting = undefined;
      startRun(place.runId, place.files, release);
    });
  }

  function startRun(runId: string, files: LessonFile[], release: () => void) {
    const controller = new AbortController();
    const done = runLesson({
      files,
      signal: controller.signal,
      limits: options.limits,
      confine: options.confine === true,
      onEvent: (event) => send({ runId, ...event }),
    })
      .then((end) => send({ type: 'end', runId, end }))
      .catch((error: unknown) =>
        send({
          type: 'end',
          runId,
          end: { reason: 'failed', durationMs: 0, message: startFailureMessage(error) },
        }),
      )
      .finally(() => {
        release();
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
