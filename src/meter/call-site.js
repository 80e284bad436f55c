// @ts-check
// Where in the program a request was made, for `keep-alive-lab watch` (responses.js): a request's
// stack taken raw when it starts, and described (the program's own frame, the libraries between it
// and the request, the running test's frame in per-test mode) only when a report names it. Its own
// module because it is the one part of the tracker that works on stacks and source maps, not on
// requests, and because it swaps Error.prepareStackTrace for a moment, which it alone must manage.
// It lives in src/meter/ on purpose: frames in this folder are the meter's, never the program's.

import { findSourceMap } from 'node:module';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** This folder: frames in the meter's own files are never the program's call site. */
const METER_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * @typedef {{ at?: string, via?: string, library?: string, startedBy?: string, testAt?: string }} Place
 *   at: the program's own frame, "file:line:column"; via: the libraries between it and the request,
 *   the one the program called first ("axios via follow-redirects"); library: the innermost library
 *   frame. With no frame of the program's on the stack (a library that starts the request on a
 *   later tick), only via and library, and startedBy: the program's frame of its last request to
 *   the same URL through the same library, which most likely started this one (a retry).
 */

/**
 * A request's stack, captured as V8 keeps it: raw frames, not yet described. Reading `.stack`
 * later describes them through whatever Error.prepareStackTrace is set then, which
 * placeFromStack makes the meter's own: so the work of naming files and lines is done only for
 * the few requests a report needs, never per request. The frames are let go when the response
 * ends (finish()).
 * @param {number} frames @returns {{ stack?: unknown }}
 */
export function captureStack(frames) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  try {
    Error.captureStackTrace(holder, captureStack);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return holder;
}

/**
 * The place a captured stack names, described through the meter's pickCallSite (V8's async frames
 * count: `await axios.get()` in the program shows as "at async client.js:4:25" below the library's
 * own frames). Error.prepareStackTrace is swapped for this read only, and put back at once.
 * @param {{ stack?: unknown }} holder @param {string} [testFile] @returns {Place | null}
 */
export function placeFromStack(holder, testFile = undefined) {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = pickCallSite;
  wantedTestFile = testFile;
  programPrepare = prepare;
  try {
    const place = holder.stack;
    return place && typeof place === 'object' ? /** @type {Place} */ (place) : null;
  } catch {
    return null;
  } finally {
    Error.prepareStackTrace = prepare;
    wantedTestFile = undefined;
    programPrepare = undefined;
  }
}

/**
 * The program's own Error.prepareStackTrace, if it has one: vitest's and Jest's map positions in
 * the code they transformed back to the source (without it, vitest's lines were off), as
 * source-map-support does. The meter asks it for the frames it keeps, and nothing else.
 * @type {((error: Error, sites: NodeJS.CallSite[]) => unknown) | undefined}
 */
let programPrepare;

/**
 * A frame as "file:line:column" in the source as written: through the program's own formatter if
 * it has one (Node's default, ErrorPrepareStackTrace, is not one), else through Node's source map.
 * @param {NodeJS.CallSite} site @param {string} file @returns {string}
 */
function placeOfSite(site, file) {
  if (programPrepare && programPrepare.name !== 'ErrorPrepareStackTrace') {
    try {
      const text = String(programPrepare(new Error(), [site]));
      const last = text.slice(text.lastIndexOf('\n') + 1);
      const match = /(?:\(|at )([^()]+):(\d+):(\d+)\)?\s*$/.exec(last);
      if (match) {
        const mapped = match[1]?.startsWith('file://') ? fileURLToPath(match[1]) : match[1];
        if (mapped && isAbsolute(mapped)) return `${mapped}:${match[2]}:${match[3]}`;
      }
    } catch {
      // Its formatter failed: the position as V8 has it.
    }
  }
  return originalPlace(`${file}:${site.getLineNumber()}:${site.getColumnNumber()}`) ?? file;
}

/** Per-test mode: the running test's file, whose first frame on the stack is the test's own line. @type {string | undefined} */
let wantedTestFile;

const NODE_MODULES = `${sep}node_modules${sep}`;

/** "axios", "@scope/name": the package a file in node_modules belongs to. @param {string} file */
function packageOf(file) {
  const at = file.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  const [first = '', second = ''] = file.slice(at + NODE_MODULES.length).split(sep);
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * The program's own frame (the first outside Node, the meter and node_modules) and the libraries
 * the request went through on its way from there.
 * @param {unknown} _error @param {NodeJS.CallSite[]} sites @returns {Place | undefined}
 */
function pickCallSite(_error, sites) {
  /** @type {string | undefined} */
  let library;
  /** @type {string[]} innermost first */
  const packages = [];
  /** @type {Place | undefined} */
  let found;
  for (const site of sites) {
    const name = site.getFileName();
    if (!name || name.startsWith('node:')) continue;
    const file = name.startsWith('file://') ? fileURLToPath(name) : name;
    if (!isAbsolute(file) || file.startsWith(METER_DIR)) continue;
    if (found) {
      // Per-test mode: past the program's frame, down to the test's own (a helper's caller).
      if (file !== wantedTestFile) continue;
      found.testAt = placeOfSite(site, file);
      return found;
    }
    const owner = packageOf(file);
    if (!owner) {
      const place = placeOfSite(site, file);
      found = library ? { at: place, via: viaOf(packages), library } : { at: place };
      if (wantedTestFile === undefined) return found;
      if (file === wantedTestFile) {
        found.testAt = place;
        return found;
      }
      continue;
    }
    library ??= placeOfSite(site, file);
    if (!packages.includes(owner)) packages.push(owner);
  }
  if (found) return found;
  return library ? { via: viaOf(packages), library } : undefined;
}

/** "axios via follow-redirects": the package the program called, then those it called. @param {string[]} innermostFirst */
function viaOf(innermostFirst) {
  return [...innermostFirst].reverse().join(' via ');
}

/**
 * A "file:line:column" in code a transpiler wrote (tsx, ts-node, a bundle), as it is in the source
 * the program's author wrote, where Node has that file's source map (tsx turns them on; so does
 * --enable-source-maps). Done only for the requests a report names, never per request.
 * @param {string | undefined} at @returns {string | undefined}
 */
function originalPlace(at) {
  const match = at === undefined ? null : /^(.*):(\d+):(\d+)$/.exec(at);
  if (!match) return at;
  const [, file = '', line, column] = match;
  try {
    const map = findSourceMap(file) ?? findSourceMap(pathToFileURL(file).href);
    const entry = /** @type {{ originalSource?: string, originalLine?: number, originalColumn?: number }} */ (map?.findEntry(Number(line) - 1, Number(column) - 1) ?? {});
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return at;
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : isAbsolute(entry.originalSource) ? entry.originalSource : resolve(dirname(file), entry.originalSource);
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  } catch {
    return at;
  }
}
