// @ts-check
// `keep-alive-lab watch`: runs a command with the lab's meter preloaded into every Node process it
// starts (NODE_OPTIONS=--import), shows what the meter sees while it runs, and sums it up.
import { spawn } from 'node:child_process';
import { accessSync, appendFileSync, chmodSync, constants as fs, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { nodeTooOld, parseWatchArgs, USAGE } from './args.js';
import { Collector } from './collect.js';
import { livePanel, PANEL_HEIGHT } from './live-panel.js';
import { findingLine, panelLines, placeKey, resetLine, summaryLines } from './report.js';

const METER = new URL('../meter/meter.js', import.meta.url);
const POLL_MS = 200;

/** @param {string[]} argv the arguments after `watch` @returns {Promise<number>} the exit code */
export async function watch(argv) {
  const parsed = parseWatchArgs(argv);
  if ('help' in parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`keep-alive-lab watch: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const tooOld = nodeTooOld(process.versions.node);
  if (tooOld) {
    process.stderr.write(`${tooOld}\n`);
    return 1;
  }
  const { options, command, args } = parsed;
  if (options.json) {
    try {
      writeFileSync(options.json, '');
    } catch (error) {
      process.stderr.write(`keep-alive-lab watch: cannot write --json ${options.json}: ${/** @type {Error} */ (error).message}\n`);
      return 2;
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'keep-alive-lab-watch-'));
  const record = options.json ? (/** @type {object} */ entry) => appendFileSync(/** @type {string} */ (options.json), `${JSON.stringify(entry)}\n`) : undefined;
  const collector = new Collector(dir, record);
  const panel = process.stderr.isTTY ? livePanel(process.stderr) : undefined;
  const started = Date.now();
  const title = () => `keep-alive-lab watch · ${[command, ...args].join(' ')} · ${((Date.now() - started) / 1000).toFixed(1)} s`;

  const meterImport = `--import ${METER.href}`;
  const watchEnv = { KAL_WATCH_DIR: dir, KAL_WATCH_STACKS: !options.stacks ? '0' : options.allStacks ? 'all' : '1', KAL_WATCH_IDLE_MS: String(options.idleMs) };
  const shim = nodeShim(dir, meterImport, watchEnv);
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(shim ? { PATH: `${shim}${delimiter}${process.env.PATH}` } : {}),
      NODE_OPTIONS: [process.env.NODE_OPTIONS, meterImport].filter(Boolean).join(' '),
      ...watchEnv,
    },
  });
  // Ctrl+C in a terminal reaches the command by itself (same process group); a signal sent to this
  // process alone is passed on. Either way this process waits for the command to end.
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, forward);

  // Without a terminal to redraw in: one line for the first unfinished response from each place
  // in the code, so a CI log shows where without 200 copies of it. The summary has the counts.
  const placesShown = new Set();
  const resetPlacesShown = new Set();
  const tick = () => {
    const news = collector.poll();
    if (panel) return panel.draw(panelLines(title(), collector, PANEL_HEIGHT));
    for (const finding of news.findings) {
      if (placesShown.has(placeKey(finding))) continue;
      placesShown.add(placeKey(finding));
      process.stderr.write(`keep-alive-lab watch: ${findingLine(finding)}\n`);
    }
    for (const reset of news.resets) {
      if (resetPlacesShown.has(placeKey(reset))) continue;
      resetPlacesShown.add(placeKey(reset));
      process.stderr.write(`keep-alive-lab watch: ${resetLine(reset)}\n`);
    }
  };
  const timer = setInterval(tick, POLL_MS);
  /** @type {number} */
  const exitCode = await new Promise((resolve) => {
    child.once('error', (error) => {
      const missing = /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
      process.stderr.write(
        missing ? `keep-alive-lab watch: command not found: ${command}\n` : `keep-alive-lab watch: could not start ${command}: ${error.message}\n`,
      );
      resolve(missing ? 127 : 126);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
  clearInterval(timer);
  for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.off(signal, forward);
  tick();
  panel?.close();
  if (exitCode === 127 || exitCode === 126) {
    rmSync(dir, { recursive: true, force: true });
    return exitCode;
  }
  const leaked = collector.findings.length > 0;
  const reset = collector.resets.length > 0;
  // A command that failed keeps its own code (a CI log reads it as the tests' verdict): the gates
  // only turn a 0 into 1.
  const failOnLeak = exitCode === 0 && Boolean(options.failOnLeak) && leaked;
  const failOnReset = exitCode === 0 && Boolean(options.failOnReset) && reset;
  const finalCode = failOnLeak || failOnReset ? 1 : exitCode;
  process.stderr.write(`${summaryLines(collector, { exitCode, failOnLeak, failOnReset, alive: isAlive }).join('\n')}\n`);
  const tally = collector.tally();
  record?.({
    type: 'summary',
    exitCode,
    processes: tally.processes,
    threads: tally.threads,
    unchecked: tally.unchecked.map(({ pid, thread }) => (thread === undefined ? { pid } : { pid, thread })),
    findings: collector.findings.length,
    resets: collector.resets.length,
    server: collector.server(),
    origins: Object.fromEntries(collector.origins()),
  });
  rmSync(dir, { recursive: true, force: true });
  return finalCode;
}

/**
 * A folder holding a `node` that puts the meter back into NODE_OPTIONS and runs the node the PATH
 * had: first on the command's PATH, it catches a shell line that replaces NODE_OPTIONS
 * (`NODE_OPTIONS=--experimental-vm-modules jest` in an npm script, whose jest starts `node` by
 * name). None on Windows (no sh), or when the PATH has no node.
 * @param {string} dir @param {string} meterImport @param {Record<string, string>} watchEnv
 * @returns {string | undefined}
 */
function nodeShim(dir, meterImport, watchEnv) {
  if (process.platform === 'win32') return undefined;
  const realNode = (process.env.PATH ?? '')
    .split(delimiter)
    // Only absolute folders: a relative one ('.') would find this shim again from the shim itself.
    .filter((folder) => isAbsolute(folder))
    .map((folder) => join(folder, 'node'))
    .find((candidate) => {
      try {
        accessSync(candidate, fs.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  if (!realNode) return undefined;
  const quote = (/** @type {string} */ text) => `'${text.replaceAll("'", "'\\''")}'`;
  const folder = join(dir, 'node-with-meter');
  mkdirSync(folder);
  const exports = Object.entries(watchEnv).map(([name, value]) => `${name}=${quote(value)}; export ${name}`);
  writeFileSync(
    join(folder, 'node'),
    [
      '#!/bin/sh',
      '# keep-alive-lab watch: the meter, even where a script replaced NODE_OPTIONS.',
      `case "$NODE_OPTIONS" in *${quote(meterImport)}*) ;; *) NODE_OPTIONS="\${NODE_OPTIONS:+$NODE_OPTIONS }"${quote(meterImport)}; export NODE_OPTIONS ;; esac`,
      ...exports,
      `exec ${quote(realNode)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(folder, 'node'), 0o755);
  return folder;
}

/** Whether a process still runs (signal 0 only asks). @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {NodeJS.Signals | null} signal */
function signalNumber(signal) {
  return (signal && constants.signals[signal]) || 0;
}
