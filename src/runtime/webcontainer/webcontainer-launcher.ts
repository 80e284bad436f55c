// Starts lesson processes inside a booted WebContainer. Output arrives from a pseudo-terminal
// (stdout and stderr merged, \r\n line ends, colours), so it is turned into plain text. Meter
// samples arrive as small files (see src/meter/meter.js), each read once and removed.
import type { WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { LaunchedProcess, ProcessExit, ProcessLauncher, ProcessSinks } from '../../run/supervise-run.ts';
import type { LessonProcess } from '../../schemas/run-events.ts';
import { terminalText } from './terminal-text.ts';

const METER_POLL_MS = 100;
/** The terminal may keep a killed process's stream open; its output is not waited for longer. */
const OUTPUT_AFTER_EXIT_MS = 200;
/**
 * After kill(), how long WebContainer gets to report the exit. A container in trouble may never
 * report it, and the page must not say "running" forever.
 */
export const EXIT_WAIT_MS = 3_000;

/**
 * The part of a booted WebContainer the lab uses. Typed against the real API, so tests can pass
 * a fake that implements exactly this.
 */
export type ContainerApi = Pick<WebContainer, 'spawn' | 'mount' | 'fs' | 'on' | 'workdir'>;

/** The folder, inside a run's folder, where a process's meter leaves its samples. */
export function meterFolder(name: LessonProcess): string {
  return `.lab/${name}.meter`;
}

/** @param dir the run's folder, relative to the WebContainer's workdir. */
export function webContainerLauncher(container: ContainerApi, dir: string, exitWaitMs = EXIT_WAIT_MS): ProcessLauncher {
  return {
    start(name, env, sinks) {
      return startInContainer({ container, dir, name, env, sinks, exitWaitMs });
    },
  };
}

interface StartOptions {
  container: ContainerApi;
  dir: string;
  name: LessonProcess;
  env: Record<string, string>;
  sinks: ProcessSinks;
  exitWaitMs: number;
}

function startInContainer({ container, dir, name, env, sinks, exitWaitMs }: StartOptions): LaunchedProcess {
  const meter = readMeterFolder(container, `${dir}/${meterFolder(name)}`, sinks.onMeterLine);
  const text = terminalText();
  let running: WebContainerProcess | undefined;
  let stopRequested = false;
  let settled = false;
  let gone = false;
  let giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  let giveUp: (exit: ProcessExit) => void = () => undefined;
  const abandoned = new Promise<ProcessExit>((resolve) => (giveUp = resolve));
  const output = (stream: 'stdout' | 'stderr', chunk: string) => {
    if (!settled && chunk) sinks.onOutput(stream, chunk);
  };

  const spawned = container.spawn('node', ['.lab/bootstrap.js', `${name}.js`], {
    cwd: dir,
    env: { ...env, KAL_METER_DIR: `${container.workdir}/${dir}/${meterFolder(name)}` },
  });

  const ran = spawned.then(
    async (process): Promise<ProcessExit> => {
      running = process;
      if (stopRequested) process.kill();
      const piped = process.output
        .pipeTo(new WritableStream({ write: (chunk) => output('stdout', text.push(chunk)) }))
        .catch(() => undefined);
      const code = await process.exit;
      gone = true;
      await Promise.race([piped, new Promise((resolve) => setTimeout(resolve, OUTPUT_AFTER_EXIT_MS))]);
      output('stdout', text.flush());
      return stopRequested ? { code: null, signal: null, stoppedByLab: true } : { code, signal: null, stoppedByLab: false };
    },
    async (error: unknown): Promise<ProcessExit> => {
      gone = true;
      output('stderr', `The WebContainer could not start node for ${name}.js: ${String(error)}\n`);
      return { code: null, signal: null, stoppedByLab: false };
    },
  );

  const exited = Promise.race([ran, abandoned]).then(async (exit) => {
    await meter.stop();
    settled = true;
    clearTimeout(giveUpTimer);
    return exit;
  });

  return {
    exited,
    stop() {
      if (stopRequested || gone || settled) return;
      stopRequested = true;
      running?.kill();
      giveUpTimer = setTimeout(() => {
        output(
          'stderr',
          `\n${name}.js did not confirm that it stopped within ${exitWaitMs / 1000} s, so the lab stopped waiting for it. ` +
            'If the next run misbehaves, reload the page to start a fresh WebContainer.\n',
        );
        giveUp({ code: null, signal: null, stoppedByLab: true });
      }, exitWaitMs);
    },
  };
}

/**
 * Hands over each line the meter writes, once. Reads are serialised: a slow file system delays
 * the next poll instead of piling reads up.
 */
function readMeterFolder(container: ContainerApi, folder: string, onLine: (line: string) => void) {
  const seen = new Set<string>();
  let stopped = false;
  let wake = () => {};
  const drain = async () => {
    let names: string[];
    try {
      names = await container.fs.readdir(folder);
    } catch {
      return; // Not created yet, or the run's folder is already gone.
    }
    for (const name of names.filter((candidate) => candidate.endsWith('.jsonl') && !seen.has(candidate)).sort()) {
      const path = `${folder}/${name}`;
      let contents: string;
      try {
        contents = await container.fs.readFile(path, 'utf-8');
      } catch {
        return;
      }
      seen.add(name);
      await container.fs.rm(path, { force: true }).catch(() => undefined);
      for (const line of contents.split('\n')) if (line) onLine(line);
    }
  };
  const polling = (async () => {
    while (!stopped) {
      await drain();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, METER_POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // One more pass after the process has exited: the sample it wrote at exit.
    await drain();
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await polling;
    },
  };
}
