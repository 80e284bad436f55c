// @ts-check
// Per-test mode: the responses each test left unfinished, as a failure of that test in the test
// runner's own output. The runner adapters beside this file (node:test, vitest, Jest) tell the
// tracker when a test begins and ends; the tracker is the one watch's meter uses
// (src/meter/responses.js), run inside the test process with no sampling loop and no files.
//
// One tracker per process: a runner may load its set-up file once per test file, into a fresh
// module registry (vitest with isolation, Jest always), but node:http is the process's own, so
// the tracker is kept on it.
import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
// The real ones, taken at load: a test that fakes timers (vi.useFakeTimers(), mock.timers) replaces
// the globals, and the check after each test must still run.
import { setImmediate } from 'node:timers';
import { trackResponses } from '../meter/responses.js';
import { requestedAt, shortPlace } from '../watch/report.js';

/** @typedef {import('../meter/responses.js').TestTag} TestTag */

const TRACKER = Symbol.for('keep-alive-lab per-test tracker');

/** @returns {ReturnType<typeof createTracker>} */
export function perTestTracker() {
  const holder = /** @type {any} */ (http);
  holder[TRACKER] ??= createTracker();
  return holder[TRACKER];
}

function createTracker() {
  /** @type {TestTag | undefined} */
  let current;
  const responses = trackResponses({ diagnosticsChannel, http, stacks: true, idleMs: Number.POSITIVE_INFINITY, now: () => performance.now(), tag: () => current });
  return {
    /** A test starts: every request from now on is its own. @param {TestTag} test */
    begin(test) {
      current = test;
    },
    /**
     * A test ended. After a turn of the event loop (a body read to the end in the test's last
     * callback has its 'end' by then), what it left unfinished, as an Error to fail it with.
     * @param {TestTag} test @returns {Promise<Error | undefined>}
     */
    async end(test) {
      if (current === test) current = undefined;
      await new Promise((resolve) => setImmediate(resolve));
      const found = responses.unfinishedOf(test);
      return found.length === 0 ? undefined : leakError(found);
    },
  };
}

/** @param {ReturnType<ReturnType<typeof trackResponses>['unfinishedOf']>} found */
function leakError(found) {
  const lines = found.map((finding) => {
    const size = finding.size === undefined ? '' : `, ${finding.size} bytes`;
    const status = finding.status === undefined ? '' : ` → ${finding.status}`;
    const test = finding.testAt && finding.testAt !== finding.at ? `, in the test at ${shortPlace(finding.testAt)}` : '';
    return `  ${finding.method} ${finding.origin}${finding.path}${status}${size}, ${requestedAt(finding)}${test}`;
  });
  const count = found.length === 1 ? '1 response' : `${found.length} responses`;
  const error = new Error(
    [
      `keep-alive-lab: this test left ${count} unfinished, each holding its connection:`,
      ...lines,
      'Read each body to the end (res.resume(), await res.text()) or destroy it (res.destroy(), res.body.cancel()).',
    ].join('\n'),
  );
  error.name = 'UnfinishedResponseError';
  // The runner prints the stack: the hook's own frames would only hide the lines above.
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
