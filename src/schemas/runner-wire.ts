// The local runner's wire contract, in one place: where it listens, the file-name rule and the size
// limits. The runner (Node), the page's local runtime (browser) and the lesson schema (build) all
// take them from here. Plain constants, no zod: the browser imports this file, where bytes count;
// runner-protocol.ts builds its schemas from them.

/** The WebSocket (and the GET that tells a page the runner serves it). */
export const RUNNER_PATH = '/api/runner';
/** What a static deploy answers at RUNNER_PATH (src/pages/api/runner.ts): no runner here. */
export const RUNNER_ABSENT = { runner: 'none' } as const;

/** A bare file name: letters, digits, dot, dash, underscore; no folders, no leading dot. */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
/** The rule in words, for refusals and build errors: "file names must be …". */
export const FILE_NAME_RULE = 'bare names like client.js (no folders, no "..")';

export const MAX_FILES = 16;
export const MAX_TOTAL_FILE_BYTES = 512 * 1024;
/**
 * A WebSocket message larger than this closes the connection (code 1009) before it is parsed.
 * Larger than the files may total, so a too-large run gets a refusal that names the rule rather
 * than a dropped connection.
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Whether `name` may be a lesson file's name. */
export function isBareFileName(name: string): boolean {
  return FILE_NAME_PATTERN.test(name) && !name.includes('..');
}
