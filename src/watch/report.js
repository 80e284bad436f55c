// @ts-check
// What `watch` prints, on stderr (stdout belongs to the program): the live block, one line per
// finding where there is no terminal to redraw, and the summary at the end.
import { relative, isAbsolute } from 'node:path';

/**
 * @typedef {import('./collect.js').Collector} Collector
 * @typedef {import('./collect.js').PidFinding} PidFinding
 * @typedef {import('./collect.js').PidReset} PidReset
 */

const perConnection = (/** @type {number} */ requests, /** @type {number} */ connections) =>
  connections === 0 ? '–' : (requests / connections).toFixed(1);

/** A call site relative to the working folder, as the user would type it. @param {string | undefined} at */
export function shortPlace(at) {
  if (!at) return 'a place not recorded (watch ran with --no-stacks)';
  const file = at.replace(/:\d+:\d+$/, '');
  const rel = isAbsolute(file) ? relative(process.cwd(), file) : file;
  const shown = rel && !rel.startsWith('..') ? rel : file;
  return `${shown}${at.slice(file.length)}`;
}

/**
 * @typedef {{ at?: string, via?: string, library?: string, startedBy?: string, unsampled?: boolean }} Placed
 */

/** What findings from one place share: the program's line, or the library frame when there is none. @param {Placed} placed */
export function placeKey(placed) {
  return placed.at ?? placed.startedBy ?? placed.library ?? '';
}

/**
 * "requested at client.js:4:25", with the libraries the request went through and the innermost
 * library frame beside it; or, with no frame of the program's on the stack, the library's.
 * @param {Placed} placed
 */
export function requestedAt({ at, via, library, startedBy, unsampled }) {
  const libraryFrame = library ? ` (${shortPlace(library)})` : '';
  if (at) return `requested at ${shortPlace(at)}${via ? ` ← ${via}${libraryFrame}` : ''}`;
  if (library && startedBy) {
    return `requested inside ${via}${libraryFrame}, most likely for your request at ${shortPlace(startedBy)} (your last one to this URL through ${via}; a retry or redirect has no frame of yours on its stack)`;
  }
  if (library) return `requested inside ${via}${libraryFrame}, with no frame of your code on the stack: the library started the request later, on its own`;
  if (unsampled) return 'requested at a place not sampled (past its first 1000 requests, a process has at most 500 stacks a second recorded; --all-stacks records every one)';
  return `requested at ${shortPlace(undefined)}`;
}

/**
 * A hint for findings made inside a library, not by the program's own call: a body the program
 * never received is the library's to read.
 * @param {Placed[]} findings @returns {string[]}
 */
function libraryHint(findings) {
  const libraries = [...new Set(findings.flatMap((finding) => (finding.at || !finding.via ? [] : [finding.via.split(' via ')[0]])))];
  if (libraries.length === 0) return [];
  return [
    `Some of these requests were made inside ${libraries.join(', ')}, not by a call of yours (a retry, a redirect): a response your code never received is the library's to read or discard. See whether a newer version does.`,
  ];
}

/** @param {Collector} collector @returns {string[]} */
export function countLines(collector) {
  const server = collector.server();
  const lines = collector.serving()
    ? [`server   open ${server.open}   accepted ${server.accepted}   requests ${server.requests}   requests per connection ${perConnection(server.requests, server.accepted)}`]
    : ['server   none of the measured processes listens'];
  for (const [origin, counts] of collector.origins()) {
    lines.push(
      `client   ${origin}   open ${counts.open} (busy ${counts.busy}, idle ${counts.open - counts.busy})   opened ${counts.opened}   requests ${counts.requests}   requests per connection ${perConnection(counts.requests, counts.opened)}`,
    );
  }
  return lines;
}

/**
 * Findings or resets grouped by where the request was made, the biggest group first.
 * @template {Placed} T @param {T[]} findings @returns {T[][]}
 */
export function groupByPlace(findings) {
  /** @type {Map<string, T[]>} */
  const groups = new Map();
  // A finding whose stack was not sampled joins the place of a sampled one to the same request.
  /** @type {Map<string, string>} */
  const placeOfRequest = new Map();
  const requestKey = (/** @type {any} */ finding) => `${finding.method} ${finding.origin}${finding.path}`;
  for (const finding of findings) if (!finding.unsampled && placeKey(finding)) placeOfRequest.set(requestKey(finding), placeKey(finding));
  for (const finding of findings) {
    const key = finding.unsampled ? (placeOfRequest.get(requestKey(finding)) ?? '') : placeKey(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

const REASONS = { closed: 'its connection closed first', exit: 'the process exited first', stopped: 'its process or thread was stopped first', idle: 'no byte read' };

const PATHS_SHOWN = 3;

/**
 * The requests of a group, as "GET http://host/a, /b, POST /c and 2 more": the first whole, then
 * each other request once, with its method and origin where they differ from the first's, so
 * that what differs is in sight.
 * @param {{ method: string, origin: string, path: string }[]} group
 */
function requestsOf(group) {
  const first = /** @type {{ method: string, origin: string, path: string }} */ (group[0]);
  const shown = group.map(({ method, origin, path }) =>
    [method === first.method ? '' : `${method} `, origin === first.origin ? '' : origin, path].join(''),
  );
  const distinct = [...new Set(shown)];
  const more = distinct.length - PATHS_SHOWN;
  return `${first.method} ${first.origin}${distinct.slice(0, PATHS_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** " → 503", or " → 200, 503" for a group: the statuses, so that "only the 503s leak" shows. @param {{ status?: number }[]} findings */
function statusesOf(findings) {
  const statuses = [...new Set(findings.flatMap((finding) => (finding.status === undefined ? [] : [finding.status])))].sort((a, b) => a - b);
  return statuses.length ? ` → ${statuses.join(', ')}` : '';
}

/** The member of a group that names its place (one whose stack was sampled). @param {Placed[]} group */
function placed(group) {
  return group.find((member) => !member.unsampled) ?? group[0] ?? {};
}

/** @param {PidFinding} finding */
export function findingLine(finding) {
  // For 'idle', heldMs counts from the body's last progress; otherwise from its headers.
  const held = finding.reason === 'idle' ? ` for ${finding.heldMs} ms` : `, held ${finding.heldMs} ms`;
  return `unfinished response: ${finding.method} ${finding.origin}${finding.path}${statusesOf([finding])} (${REASONS[finding.reason]}${held}), ${requestedAt(finding)}`;
}

/** @param {PidFinding[]} findings @returns {string[]} */
export function findingLines(findings) {
  if (findings.length === 0) return ['unfinished responses: none'];
  const lines = [`unfinished responses: ${findings.length}`];
  for (const group of groupByPlace(findings).slice(0, 8)) {
    lines.push(`  ${group.length} × ${requestsOf(group)}${statusesOf(group)}   ${requestedAt(placed(group))}`);
  }
  return lines;
}

/**
 * The live panel's lines, at most `height`: the title and counts, then both totals (unfinished
 * responses, and requests failed on a reused connection) whatever happens, and their groups in
 * the rows left, shared between the two, so that a long list of one never hides the other.
 * @param {string} title @param {Collector} collector @param {number} height @returns {string[]}
 */
export function panelLines(title, collector, height) {
  const head = [title, ...countLines(collector)];
  const [findingTotal = '', ...findingGroups] = findingLines(collector.findings);
  const [resetTotal, ...resetGroups] = resetLines(collector.resets);
  const room = Math.max(0, height - head.length - 1 - (resetTotal ? 1 : 0));
  const resetRoom = Math.min(resetGroups.length, Math.max(room - findingGroups.length, Math.floor(room / 2)));
  const findingRoom = room - resetRoom;
  return [...head, findingTotal, ...findingGroups.slice(0, findingRoom), ...(resetTotal ? [resetTotal, ...resetGroups.slice(0, resetRoom)] : [])];
}

/** What to do about the reuse race, in one line. */
export const RESET_FIX =
  'The server closed a pooled connection just before the client reused it. Retry an idempotent request once when it fails on a reused connection, ' +
  "give the client's pool an idle timeout below the server's keep-alive timeout, or raise the server's (keepAliveTimeout in Node).";

/** "after 2503 ms idle; the server said Keep-Alive: timeout=2" @param {PidReset} reset */
function resetContext(reset) {
  const idle = reset.idleMs === undefined ? 'idle time not recorded' : `after ${reset.idleMs} ms idle`;
  if (!reset.hint) return `${idle}; the server sent no Keep-Alive hint`;
  const seconds = Number(/timeout=(\d+)/i.exec(reset.hint)?.[1]);
  const past = reset.idleMs !== undefined && seconds >= 0 && reset.idleMs > seconds * 1000 ? `, longer than the ${seconds} s the server announced` : '';
  return `${idle}${past}; the server had said Keep-Alive: ${reset.hint}`;
}

/** @param {PidReset} reset */
export function resetLine(reset) {
  return `reset on a reused connection: ${reset.method} ${reset.origin}${reset.path}: ${reset.error} (${resetContext(reset)}), ${requestedAt(reset)}`;
}

/** @param {PidReset[]} resets @returns {string[]} */
export function resetLines(resets) {
  if (resets.length === 0) return [];
  const lines = [`requests failed on a reused connection: ${resets.length}`];
  for (const group of groupByPlace(resets).slice(0, 8)) {
    const first = /** @type {PidReset} */ (group[0]);
    lines.push(`  ${group.length} × ${requestsOf(group)}: ${first.error} (${resetContext(first)})   ${requestedAt(placed(group))}`);
  }
  return lines;
}

/** "1 Node process", "3 Node processes and 2 worker threads" @param {{ processes: number, threads: number }} tally */
function measured({ processes, threads }) {
  const what = `${processes} Node ${processes === 1 ? 'process' : 'processes'}`;
  return threads === 0 ? what : `${what} and ${threads} worker ${threads === 1 ? 'thread' : 'threads'}`;
}

/** A process by its command, as short as a line allows. @param {import('./collect.js').ProcessState} state */
function processName(state) {
  const command = state.argv.map((arg) => (isAbsolute(arg) ? shortPlace(`${arg}:0:0`).replace(/:0:0$/, '') : arg)).join(' ');
  const who = state.thread === undefined ? `pid ${state.pid}` : `pid ${state.pid} thread ${state.thread}`;
  return `${who}${command ? ` (${command.length > 60 ? `${command.slice(0, 59)}…` : command})` : ''}`;
}

/**
 * What was not checked, said before any verdict: a process or thread that ended (or still runs)
 * without the meter's final look may have held responses this report cannot list.
 * @param {ReturnType<Collector['tally']>} tally @param {(pid: number) => boolean} alive
 */
export function coverageLines(tally, alive) {
  const lines = [];
  for (const [signal, count] of tally.stopped) {
    const how = signal === 'terminate' ? 'worker.terminate()' : signal;
    lines.push(`stopped by ${how}: ${count} ${count === 1 ? 'was' : 'were'} checked first.`);
  }
  const running = tally.unchecked.filter((state) => state.thread === undefined && alive(state.pid));
  const ended = tally.unchecked.filter((state) => !running.includes(state));
  if (ended.length > 0) {
    lines.push(
      `not checked at their end: ${ended.length} (${ended.slice(0, 3).map(processName).join(', ')}${ended.length > 3 ? ', …' : ''}). ` +
        'Killed with SIGKILL, crashed, or a worker thread too busy to answer before terminate(): responses they held are not in this report.',
    );
  }
  if (running.length > 0) {
    lines.push(`still running when the command exited, so not checked: ${running.length} (${running.slice(0, 3).map(processName).join(', ')}${running.length > 3 ? ', …' : ''}).`);
  }
  return lines;
}

/**
 * @param {Collector} collector @param {{ exitCode: number, failOnLeak: boolean, failOnReset?: boolean, alive?: (pid: number) => boolean }} end
 * @returns {string[]}
 */
export function summaryLines(collector, { exitCode, failOnLeak, failOnReset = false, alive = () => false }) {
  const count = collector.findings.length;
  const tally = collector.tally();
  const coverage = coverageLines(tally, alive);
  const unchecked = tally.unchecked.length;
  const verdict =
    count > 0
      ? `${count} ${count === 1 ? 'response was' : 'responses were'} never read to the end. Read each body to the end (res.resume(), await res.text()) or destroy it.${failOnLeak ? ' Exit code 1 (--fail-on-leak).' : ''}`
      : unchecked > 0
        ? `No unfinished response was seen, but ${unchecked} of the ${tally.processes + tally.threads} measured ${unchecked === 1 ? 'was' : 'were'} not checked at ${unchecked === 1 ? 'its' : 'their'} end (above).`
        : 'No response was left unfinished.';
  const resets = collector.resets.length;
  const resetVerdict = resets === 0 ? [] : [`${RESET_FIX}${failOnReset ? ' Exit code 1 (--fail-on-reset).' : ''}`];
  return [
    `keep-alive-lab watch: ${measured(tally)} measured; the command exited with code ${exitCode}.`,
    ...countLines(collector),
    ...coverage,
    ...findingLines(collector.findings),
    verdict,
    ...libraryHint(collector.findings),
    ...resetLines(collector.resets),
    ...resetVerdict,
  ];
}
