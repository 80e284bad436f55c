// @ts-check
// The meter's side of `keep-alive-lab watch`, loaded by meter.js only under watch (never in a lesson
// run): where this process writes, the client's responses, and a final check wherever Node lets a
// process or thread run code before it is stopped. A process that ends unchecked is a blind spot,
// and watch must be able to say so rather than print a clean verdict over it.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';
import { isMainThread, threadId, Worker } from 'node:worker_threads';

/** Worker threads are told to make their final check on this channel, by thread id. */
const FINAL_CHECK_CHANNEL = 'keep-alive-lab watch: final check';
/** How long terminate() waits for a worker's final check: a busy worker never answers. */
const FINAL_CHECK_WAIT_MS = 500;
const SIGNALS = /** @type {const} */ (['SIGTERM', 'SIGINT', 'SIGHUP']);
/** What watch puts in NODE_OPTIONS (src/watch/watch.js): this file's neighbour, by URL. */
const METER_IMPORT = `--import ${new URL('./meter.js', import.meta.url).href}`;
/** The variables the meter reads under watch, as watch set them for this process. */
const WATCH_VARIABLES = /** @type {const} */ (['KAL_WATCH_DIR', 'KAL_WATCH_STACKS', 'KAL_WATCH_IDLE_MS']);

/**
 * @param {{
 *   dir: string,
 *   diagnosticsChannel: typeof import('node:diagnostics_channel') | undefined,
 *   now: () => number,
 *   send: (message: object) => void,
 *   finalCheck: (signal?: string) => void,
 * }} options
 */
export async function startWatching({ dir, diagnosticsChannel, now, send, finalCheck }) {
  // One file per thread: threads share a process id, and their counts are their own.
  const file = isMainThread ? `${dir}/${process.pid}.jsonl` : `${dir}/${process.pid}-${threadId}.jsonl`;
  const responses = diagnosticsChannel
    ? (await import('./responses.js')).trackResponses({
        diagnosticsChannel,
        http: (await import('node:http')).default,
        stacks: process.env.KAL_WATCH_STACKS !== '0',
        // 50 between two samples (100 ms apart): 500 a second past the first thousand requests.
        ...(process.env.KAL_WATCH_STACKS === 'all' ? {} : { stacksPerSample: 50 }),
        idleMs: Number(process.env.KAL_WATCH_IDLE_MS) || 1000,
        now,
        // A process killed before its next sample still shows it made requests: watch then knows
        // it may have held a response it could not check.
        onFirstRequest: () => send({ type: 'requesting' }),
      })
    : undefined;
  const start = () => {
    send({ type: 'process', pid: process.pid, ppid: process.ppid, argv: process.argv.slice(1), node: process.versions.node, ...(isMainThread ? {} : { thread: threadId }) });
    if (isMainThread) checkBeforeSignals(finalCheck);
    else answerFinalCheck(finalCheck);
    checkWorkersBeforeTerminate();
    keepMeterInChildren();
  };
  return { file, responses, start };
}

/**
 * SIGTERM (docker stop, Kubernetes, a test runner stopping its forks), SIGINT and SIGHUP end a
 * process without its 'exit' event. A listener checks first, then steps aside: if the program has
 * listeners of its own they run in this same emit and decide; if not, the signal is raised again
 * with Node's default action restored, so the process ends by it as it would have (exit 143 for
 * SIGTERM). Leaving before the others run matters: signal-exit and its kin re-raise only when no
 * listener but theirs is left.
 * @param {(signal?: string) => void} finalCheck
 */
function checkBeforeSignals(finalCheck) {
  /** @param {NodeJS.Signals} signal */
  function checkThenStepAside(signal) {
    for (const name of SIGNALS) process.removeListener(name, checkThenStepAside);
    finalCheck(signal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }
  for (const signal of SIGNALS) process.on(signal, checkThenStepAside);
}

/**
 * worker.terminate() stops a thread with no event in it at all (not even 'exit'), so the thread
 * that terminates asks first, on a channel the program never sees, and waits a moment for the answer.
 */
function checkWorkersBeforeTerminate() {
  const prototype = /** @type {any} */ (Worker.prototype);
  if (prototype.terminate.name === 'terminateAfterFinalCheck') return;
  const terminate = prototype.terminate;
  /** @this {Worker} */
  async function terminateAfterFinalCheck() {
    const id = this.threadId;
    if (id >= 0) {
      const channel = new BroadcastChannel(FINAL_CHECK_CHANNEL);
      try {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, FINAL_CHECK_WAIT_MS);
          channel.onmessage = (event) => {
            if (/** @type {any} */ (event).data?.checked === id) {
              clearTimeout(timer);
              resolve(undefined);
            }
          };
          channel.postMessage({ check: id });
        });
      } finally {
        channel.close();
      }
    }
    return Reflect.apply(terminate, this, arguments);
  }
  prototype.terminate = terminateAfterFinalCheck;
}

/** @param {(signal?: string) => void} finalCheck */
function answerFinalCheck(finalCheck) {
  const channel = new BroadcastChannel(FINAL_CHECK_CHANNEL);
  // The channel must not keep the thread alive on its own.
  /** @type {any} */ (channel).unref?.();
  channel.onmessage = (event) => {
    if (/** @type {any} */ (event).data?.check !== threadId) return;
    finalCheck('terminate');
    channel.postMessage({ checked: threadId });
  };
}

/**
 * A child process started with an `env` of its own (`{ PORT }`, or a NODE_OPTIONS of its own) would
 * run without the meter: its env gets watch's variables back, and the meter appended to whatever
 * NODE_OPTIONS it sets. A child started without `env` inherits them already. Every function of
 * node:child_process that takes an env is wrapped (exec reaches execFile through the module's
 * exports, so it passes here twice; the second pass finds the env complete and changes nothing).
 */
function keepMeterInChildren() {
  const module = /** @type {Record<string, any>} */ (childProcess);
  if (module.spawn.name === 'withMeterInEnv') return;
  const watchEnv = Object.fromEntries(WATCH_VARIABLES.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
  /** @param {NodeJS.ProcessEnv} env */
  const completed = (env) => {
    const nodeOptions = env.NODE_OPTIONS ?? '';
    const hasMeter = nodeOptions.includes(METER_IMPORT);
    if (hasMeter && WATCH_VARIABLES.every((name) => env[name] === watchEnv[name])) return env;
    return { ...env, ...watchEnv, NODE_OPTIONS: hasMeter ? nodeOptions : [nodeOptions, METER_IMPORT].filter(Boolean).join(' ') };
  };
  /** @param {Function} original */
  const wrap = (original) => {
    /** @this {unknown} @param {...any} args */
    const withMeterInEnv = function (...args) {
      try {
        // The options are the one plain object among the arguments (never the args array or the callback).
        const at = args.findIndex((arg) => arg !== null && typeof arg === 'object' && !Array.isArray(arg));
        const options = args[at];
        if (at >= 0 && options.env && typeof options.env === 'object') args[at] = { ...options, env: completed(options.env) };
      } catch {
        // Never let the meter break a spawn.
      }
      return Reflect.apply(original, this, args);
    };
    Object.defineProperty(withMeterInEnv, 'name', { value: 'withMeterInEnv' });
    return withMeterInEnv;
  };
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    const original = module[name];
    if (typeof original !== 'function') continue;
    const wrapped = wrap(original);
    // util.promisify(exec) resolves { stdout, stderr } through this property: keep it, wrapped too.
    const custom = original[promisify.custom];
    if (typeof custom === 'function') Object.defineProperty(wrapped, promisify.custom, { value: wrap(custom) });
    module[name] = wrapped;
  }
  // `import { spawn } from 'node:child_process'` reads these bindings: bring them up to date.
  syncBuiltinESMExports();
}
