// @ts-check
// `keep-alive-lab watch`: runs a command with the lab's meter preloaded into every Node process it
// starts (NODE_OPTIONS=--import), shows what the meter sees while it runs, and sums it up.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeTooOld, parseWatchArgs, USAGE } from './args.js';
import { Collector } from './collect.js';
import { livePanel, PANEL_HEIGHT } from './live-panel.js';
import { findingLine, panelLines, resetLine, summaryLines } from './report.js';

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

  const child = spawn(command, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${METER.href}`].filter(Boolean).join(' '),
      KAL_WATCH_DIR: dir,
      KAL_WATCH_STACKS: options.stacks ? '1' : '0',
      KAL_WATCH_IDLE_MS: String(options.idleMs),
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
      if (placesShown.has(finding.at ?? '')) continue;
      placesShown.add(finding.at ?? '');
      process.stderr.write(`keep-alive-lab watch: ${findingLine(finding)}\n`);
    }
    for (const reset of news.resets) {
      if (resetPlacesShown.has(reset.at ?? '')) continue;
      resetPlacesShown.add(reset.at ?? '');
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
  process.stderr.write(`${summaryLines(collector, { exitCode, failOnLeak, failOnReset }).join('\n')}\n`);
  record?.({
    type: 'summary',
    exitCode,
    findings: collector.findings.length,
    resets: collector.resets.length,
    server: collector.server(),
    origins: Object.fromEntries(collector.origins()),
  });
  rmSync(dir, { recursive: true, force: true });
  return finalCode;
}

/** @param {NodeJS.Signals | null} signal */
function signalNumber(signal) {
  return (signal && constants.signals[signal]) || 0;
}
