// @ts-check
// `keep-alive-lab watch [options] -- <command> [args…]`: the options, read strictly, so that a typo
// is an error with the usage rather than an option silently ignored.

export const USAGE = `Usage: keep-alive-lab watch [options] -- <command> [args…]

Runs <command> with the lab's socket meter in every Node process it starts, and shows
connections, requests, every response that was never read to the end, and every
request that failed on a connection reused from the pool.

Options:
  --fail-on-leak   exit with code 1 if any response was left unfinished
  --fail-on-reset  exit with code 1 if any request failed on a reused connection
                   (ECONNRESET, socket hang up, other side closed), retried or not
  --idle-ms <ms>   report a response whose body went this long without a byte
                   read (default 1000); a stream read as it arrives is fine
  --no-stacks      do not record where each request was made (cheaper)
  --all-stacks     record where every request was made; by default, past a
                   process's first 1000 requests, at most 500 a second
  --json <file>    write samples and findings as JSON Lines to <file>
  -h, --help       show this help

Example: npx keep-alive-lab watch --fail-on-leak -- node --test

To fail the test that leaked, by name, load the per-test set-up in the runner instead:
  node --test --import keep-alive-lab/test
  vitest: test.setupFiles ['keep-alive-lab/vitest'];  Jest: setupFilesAfterEnv ['keep-alive-lab/jest']`;

/**
 * @typedef {{ failOnLeak: boolean, failOnReset: boolean, idleMs: number, stacks: boolean, allStacks: boolean, json?: string }} WatchOptions
 * @param {string[]} argv the arguments after `watch`
 * @returns {{ help: true } | { error: string } | { options: WatchOptions, command: string, args: string[] }}
 */
export function parseWatchArgs(argv) {
  /** @type {WatchOptions} */
  const options = { failOnLeak: false, failOnReset: false, idleMs: 1000, stacks: true, allStacks: false };
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      index += 1;
      break;
    }
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--fail-on-leak') options.failOnLeak = true;
    else if (arg === '--fail-on-reset') options.failOnReset = true;
    else if (arg === '--no-stacks') options.stacks = false;
    else if (arg === '--all-stacks') options.allStacks = true;
    else if (arg === '--idle-ms' || arg === '--json') {
      const value = argv[++index];
      if (value === undefined) return { error: `${arg} needs a value.` };
      if (arg === '--json') options.json = value;
      else {
        const ms = Number(value);
        if (!Number.isInteger(ms) || ms < 1) return { error: `--idle-ms needs a whole number of milliseconds, not "${value}".` };
        options.idleMs = ms;
      }
    } else if (arg?.startsWith('-')) return { error: `Unknown option ${arg}.` };
    else break; // The command, without a `--` before it.
  }
  const [command, ...args] = argv.slice(index);
  if (!command) return { error: 'No command to run.' };
  return { options, command, args };
}

/** `--import` in NODE_OPTIONS, which preloads the meter, arrived in Node 20.6. */
const NEEDS_NODE = { major: 20, minor: 6 };

/** @param {string} version e.g. "20.5.1" @returns {string | undefined} what to tell the user, if it is too old */
export function nodeTooOld(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > NEEDS_NODE.major || (major === NEEDS_NODE.major && minor >= NEEDS_NODE.minor)) return undefined;
  return `keep-alive-lab watch needs Node ${NEEDS_NODE.major}.${NEEDS_NODE.minor} or newer (it preloads the meter with --import); this is Node ${version}.`;
}
