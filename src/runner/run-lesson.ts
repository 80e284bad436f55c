// One run of a lesson on this machine: its files in a fresh temporary folder, supervised by the
// same run logic every runtime uses, and the folder removed at the end.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { superviseRun, type RunLimits } from '../run/supervise-run.ts';
import type { RunEnd, RunEvent } from '../schemas/run-events.ts';
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { FILE_NAME_RULE, isBareFileName } from '../schemas/runner-wire.ts';
import { openRunBox, type RunBox } from './confinement.ts';
import { lessonPackageMounts, linkLessonPackages } from './lesson-packages.ts';
import { startLessonProcess } from './lesson-process.ts';
import { RunRefusedError } from './run-refused-error.ts';

export interface RunLessonOptions {
  files: LessonFile[];
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  limits?: Partial<RunLimits>;
  /** Run confined (see confinement.ts): the caller has checked that confinement works here. */
  confine?: boolean;
  /** The Node binary to run a plain (unconfined) run on; the runner's own Node unless given. */
  node?: string;
  /**
   * Runs the client as this command (program and arguments, in the run's folder) instead of
   * client.js on Node, e.g. a compiled Go client (test/content/go-original.test.ts). server.js still runs
   * on Node with the meter, so the server's counts mean the same. Plain runs only.
   */
  clientCommand?: readonly string[];
}

export async function runLesson(options: RunLessonOptions): Promise<RunEnd> {
  const folder = await mkdtemp(join(tmpdir(), 'keep-alive-lab-run-'));
  let box: RunBox | undefined;
  try {
    for (const file of options.files) {
      // The protocol schema checked this already; checked again because this is where it matters.
      if (!isBareFileName(file.name)) {
        throw new RunRefusedError(`Refused file name "${file.name}": file names must be ${FILE_NAME_RULE}.`);
      }
      await writeFile(join(folder, file.name), file.content);
    }
    if (options.confine && options.node) throw new TypeError('A confined run uses the runner\'s own Node: do not pass node with confine.');
    if (options.confine && options.clientCommand) throw new TypeError('A confined run runs client.js on Node: do not pass clientCommand with confine.');
    // The packages the lab lends lesson code: linked into a plain run, mounted read-only in a box.
    if (options.confine) box = await openRunBox(folder, lessonPackageMounts());
    else await linkLessonPackages(folder);
    return await superviseRun({
      launcher: {
        start: (name, env, sinks) =>
          startLessonProcess({ name, folder, env, box, node: options.node, command: name === 'client' ? options.clientCommand : undefined, ...sinks }),
      },
      signal: options.signal,
      onEvent: options.onEvent,
      ...(options.limits ? { limits: options.limits } : {}),
    });
  } finally {
    await box?.close();
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  }
}
