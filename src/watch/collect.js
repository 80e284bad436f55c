// @ts-check
// Reads what the meter writes under watch (one JSON Lines file per Node process, appended to) and
// keeps the latest counts of each process and every finding, in the order they arrived.
import { readdirSync, readSync, openSync, closeSync, fstatSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {import('../meter/responses.js').Finding} Finding
 * @typedef {import('../meter/responses.js').OriginCounts} OriginCounts
 * @typedef {{ open: number, accepted: number, requests: number, peak?: number }} ServerCounts
 * @typedef {{ pid: number, thread?: number, argv: string[], listened?: boolean, requesting?: boolean, server?: ServerCounts, origins: Record<string, OriginCounts>, checked?: boolean, signal?: string }} ProcessState
 *   One per Node process, and one per worker thread (`thread`: its threadId). `checked`: it made its
 *   final check (at exit, or before a signal or terminate() ended it, named in `signal`).
 * @typedef {Finding & { pid: number, thread?: number }} PidFinding
 * @typedef {import('../meter/responses.js').Reset & { pid: number }} PidReset
 */

export class Collector {
  #dir;
  /** @type {Map<string, { offset: number }>} */
  #files = new Map();
  /** Keyed by the meter's file name: "pid", or "pid-threadId" for a worker thread. @type {Map<string, ProcessState>} */
  processes = new Map();
  /** @type {PidFinding[]} */
  findings = [];
  /** Requests that failed on a reused connection, in the order they arrived. @type {PidReset[]} */
  resets = [];
  /** @type {(record: object) => void} */
  #onRecord;

  /** @param {string} dir @param {(record: object) => void} [onRecord] each process, sample, finding and reset, for --json */
  constructor(dir, onRecord = () => undefined) {
    this.#dir = dir;
    this.#onRecord = onRecord;
  }

  /** Reads whatever was appended since the last call; returns the findings and resets that are new. */
  poll() {
    const before = this.findings.length;
    const resetsBefore = this.resets.length;
    let names = [];
    try {
      names = readdirSync(this.#dir).filter((name) => name.endsWith('.jsonl'));
    } catch {
      return { findings: [], resets: [] };
    }
    for (const name of names) {
      const file = this.#files.get(name) ?? { offset: 0 };
      this.#files.set(name, file);
      const lines = readLines(join(this.#dir, name), file);
      const key = name.slice(0, -'.jsonl'.length);
      for (const line of lines) if (line) this.#take(key, line);
    }
    return { findings: this.findings.slice(before), resets: this.resets.slice(resetsBefore) };
  }

  /** @param {string} key @param {string} line */
  #take(key, line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    const [pid = 0, thread] = key.split('-').map(Number);
    const state = this.processes.get(key) ?? { pid, ...(thread === undefined ? {} : { thread }), argv: [], origins: {} };
    this.processes.set(key, state);
    if (message.type === 'process') {
      state.argv = message.argv ?? [];
      // In --json, which process id ran what: a finding's pid names its command here.
      this.#onRecord({ type: 'process', pid, ...(thread === undefined ? {} : { thread }), ppid: message.ppid, argv: state.argv, node: message.node, time: new Date().toISOString() });
    }
    if (message.type === 'listening') state.listened = true;
    if (message.type === 'requesting') state.requesting = true;
    if (message.type !== 'sample') return;
    state.server = message.server;
    if (message.final) {
      state.checked = true;
      if (message.signal) state.signal = message.signal;
    }
    if (message.watch) {
      state.origins = message.watch.origins ?? {};
      for (const finding of message.watch.findings ?? []) {
        const withPid = { ...finding, pid, ...(thread === undefined ? {} : { thread }) };
        this.findings.push(withPid);
        // Wall-clock time, to set beside a CI log's own; read within a poll of the finding.
        this.#onRecord({ type: 'finding', ...withPid, time: new Date().toISOString() });
      }
      for (const reset of message.watch.resets ?? []) {
        const withPid = { ...reset, pid };
        this.resets.push(withPid);
        this.#onRecord({ type: 'reset', ...withPid, time: new Date().toISOString() });
      }
    }
    this.#onRecord({ type: 'sample', pid, t: message.t, server: message.server, origins: message.watch?.origins ?? {} });
  }

  /** Main threads and worker threads measured, and those that ended without their final check. */
  tally() {
    const states = [...this.processes.values()];
    const threads = states.filter((state) => state.thread !== undefined);
    return {
      processes: states.length - threads.length,
      threads: threads.length,
      // Only one that made requests can have held a response: a server, or a loader or esbuild
      // thread that ends with its process, is no blind spot.
      unchecked: states.filter((state) => !state.checked && state.requesting),
      /** @type {Map<string, number>} signal name (or "terminate") → how many were checked before it */
      stopped: states.reduce((bySignal, state) => (state.signal ? bySignal.set(state.signal, (bySignal.get(state.signal) ?? 0) + 1) : bySignal), new Map()),
    };
  }

  /** Whether any measured process has started a server. */
  serving() {
    return [...this.processes.values()].some((state) => state.listened);
  }

  /** Server counts over every process that served. */
  server() {
    const total = { open: 0, accepted: 0, requests: 0 };
    for (const { server } of this.processes.values()) {
      if (!server) continue;
      total.open += server.open;
      total.accepted += server.accepted;
      total.requests += server.requests;
    }
    return total;
  }

  /** Client counts per origin over every process. */
  origins() {
    /** @type {Map<string, OriginCounts>} */
    const total = new Map();
    for (const { origins } of this.processes.values()) {
      for (const [origin, counts] of Object.entries(origins)) {
        const sum = total.get(origin) ?? { requests: 0, opened: 0, open: 0, busy: 0 };
        sum.requests += counts.requests;
        sum.opened += counts.opened;
        sum.open += counts.open;
        sum.busy += counts.busy;
        total.set(origin, sum);
      }
    }
    return total;
  }
}

/**
 * The whole lines appended since `file.offset`. A line still being written stays for the next
 * call: the offset moves only past the last newline, so no character is ever cut in two.
 * @param {string} path @param {{ offset: number }} file
 */
function readLines(path, file) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size <= file.offset) return [];
    const buffer = Buffer.alloc(size - file.offset);
    const read = readSync(fd, buffer, 0, buffer.length, file.offset);
    const end = buffer.subarray(0, read).lastIndexOf(10) + 1;
    file.offset += end;
    return buffer.subarray(0, end).toString('utf8').split('\n');
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
