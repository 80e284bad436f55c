// The first error a lesson process printed, found in its stderr the way Node writes an uncaught
// error: "path:line", the source line, a caret, a blank line, then "SyntaxError: …" and Node's own
// stack frames. The run's failure message names it ("client.js:3: SyntaxError: Unexpected token
// ';'") and the output panel marks it, so a learner need not dig through node:internal frames.
// Pure: the run core (both runtimes) and the tests use it.

export interface FirstError {
  /** The error line as printed, e.g. "SyntaxError: Unexpected token ';'". */
  text: string;
  /** Where in the learner's code, e.g. "client.js:3"; absent when Node named only its own code. */
  where?: string;
}

// "TypeError: …", "Error [ERR_X]: …", "UnhandledPromiseRejection: …", a bare "Error".
const ERROR_LINE = /^(?:[A-Z][\w$]*)?(?:Error|Exception|Rejection)(?: \[[\w.]+\])?(?::\s.*)?$/;
// The line Node prints above the source line of an uncaught error: "/tmp/run/client.js:3".
const HEADER = /^(\S.*):(\d+)$/;
// A stack frame: "at f (/tmp/run/client.js:4:9)" or "at /tmp/run/client.js:4:9".
const FRAME = /^\s+at (?:.*\()?(.+?):(\d+):\d+\)?$/;
// Colours a terminal-minded library may add; they would hide the error line from the patterns.
// eslint-disable-next-line no-control-regex
const COLOURS = /\x1b\[[0-9;]*m/g;

export function findFirstError(stderr: string): FirstError | undefined {
  const lines = stderr.replace(COLOURS, '').split(/\r?\n/);
  const index = lines.findIndex((line) => ERROR_LINE.test(line));
  if (index < 0) return undefined;
  const text = lines[index] as string;
  const where = headerAbove(lines, index) ?? firstOwnFrame(lines, index);
  return where ? { text, where } : { text };
}

/** The "path:line" Node prints a few lines above the error, if it is in the learner's code. */
function headerAbove(lines: string[], index: number): string | undefined {
  for (let i = index - 1; i >= Math.max(0, index - 5); i--) {
    const match = HEADER.exec(lines[i] ?? '');
    if (match) return ownCode(match[1] as string, match[2] as string);
  }
  return undefined;
}

/** The first stack frame under the error that is in the learner's code. */
function firstOwnFrame(lines: string[], index: number): string | undefined {
  for (let i = index + 1; i < lines.length; i++) {
    const match = FRAME.exec(lines[i] ?? '');
    if (!match) break;
    const where = ownCode(match[1] as string, match[2] as string);
    if (where) return where;
  }
  return undefined;
}

/** "client.js:3" for a file of the lesson; undefined for Node's internals and installed packages. */
function ownCode(path: string, line: string): string | undefined {
  if (path.startsWith('node:') || path.includes('node_modules') || !/\.[cm]?[jt]s$/.test(path)) return undefined;
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return `${file}:${line}`;
}
