// Starts lesson processes inside a booted WebContainer. Output arrives from a pseudo-terminal
// (stdout and stderr merged, \r\n line ends, colours), so it is normalised to plain text.
// Meter samples come from a file the meter appends to, read every METER_POLL_MS.
import type { WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { LaunchedProcess, ProcessExit, ProcessLauncher, ProcessSinks } from '../supervise-run.ts';
import type { LessonProcess } from '../../schemas/run-events.ts';

const METER_POLL_MS = 100;
// Terminal escape sequences (colours, cursor moves) mean nothing in the output panel.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;

export function plainText(chunk: string): string {
  return chunk.replace(ANSI, '').replace(/\r\n/g, '\n');
}

/**
 * The part of a booted WebContainer the lab uses. Typed against the real API, so tests can pass
 * a fake that implements exactly this.
 */
export type ContainerApi = Pick<WebContainer, 'spawn' | 'mount' | 'fs' | 'on' | 'workdir'>;

/** @param dir the run's folder, relative to the WebContainer's workdir. */
export function webContainerLauncher(container: ContainerApi, dir: string): ProcessLauncher {
  return {
    start(name, env, sinks) {
      return startInContainer(container, dir, name, env, sinks);
    },
  };
}

function startInContainer(
  container: ContainerApi,
  dir: string,
  name: LessonProcess,
  env: Record<string, string>,
  sinks: ProcessSinks,
): LaunchedProcess {
  const meterPath = `${dir}/.lab/${name}.meter`;
  const meter = pollMeterFile(container, meterPath, sinks.onMeterLine);
  let running: WebContainerProcess | undefined;
  let stopRequested = false;
  let exitedAlready = false;

  const spawned = container.spawn('node', ['.lab/bootstrap.js', `${name}.js`], {
    cwd: dir,
    env: { ...env, KAL_METER_FILE: `${container.workdir}/${meterPath}` },
  });

  const exited = spawned.then(
    async (process): Promise<ProcessExit> => {
      running = process;
      if (stopRequested) process.kill();
      const piped = process.output
        .pipeTo(new WritableStream({ write: (chunk) => sinks.onOutput('stdout', plainText(chunk)) }))
        .catch(() => undefined);
      const code = await process.exit;
      exitedAlready = true;
      // The terminal may keep its stream open after a kill; do not wait on it for long.
      await Promise.race([piped, new Promise((resolve) => setTimeout(resolve, 200))]);
      await meter.stop();
      return stopRequested ? { code: null, signal: null, stoppedByLab: true } : { code, signal: null, stoppedByLab: false };
    },
    async (error: unknown): Promise<ProcessExit> => {
      exitedAlready = true;
      await meter.stop();
      sinks.onOutput('stderr', `The WebContainer could not start node for ${name}.js: ${String(error)}\n`);
      return { code: null, signal: null, stoppedByLab: false };
    },
  );

  return {
    exited,
    stop() {
      if (stopRequested || exitedAlready) return;
      stopRequested = true;
      running?.kill();
    },
  };
}

/** Reads the meter's file as it grows and hands over each complete line once. */
function pollMeterFile(container: ContainerApi, path: string, onLine: (line: string) => void) {
  let consumed = 0;
  let reading: Promise<void> = Promise.resolve();
  const read = async () => {
    let text: string;
    try {
      text = await container.fs.readFile(path, 'utf-8');
    } catch {
      return; // Not written yet.
    }
    const end = text.lastIndexOf('\n') + 1;
    if (end <= consumed) return;
    for (const line of text.slice(consumed, end).split('\n')) if (line) onLine(line);
    consumed = end;
  };
  const timer = setInterval(() => {
    reading = reading.then(read);
  }, METER_POLL_MS);
  return {
    /** Stops polling after one last read, so the sample written at exit is not lost. */
    async stop() {
      clearInterval(timer);
      reading = reading.then(read);
      await reading;
    },
  };
}
