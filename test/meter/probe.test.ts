// src/meter/probe.js is what WebContainer's Node is asked after boot (src/runtime/webcontainer/
// probe-node.ts). Run here on the real Node of every line the lessons are checked on, it must find
// every feature a lesson relies on: a probe that reports one missing in real Node would send
// learners to the local runner for nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { missingFeatures, type NodeProbeReport } from '../../src/schemas/node-features.ts';
import { lessonNodeLines } from '../helpers/node-lines.ts';

const run = promisify(execFile);
const PROBE = new URL('../../src/meter/probe.js', import.meta.url).pathname;

for (const { line, path } of lessonNodeLines()) {
  test(`the probe finds every feature lessons rely on in Node ${line}, the reuse race included`, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kal-probe-'));
    try {
      const file = join(folder, 'report.json');
      await run(path, [PROBE, file], { timeout: 15_000 });
      const report = JSON.parse(readFileSync(file, 'utf8')) as NodeProbeReport;
      assert.equal(report.node.split('.')[0], line);
      assert.equal(report.staleConnectionReset, true, 'a request on a connection the server closed during busy work should fail with ECONNRESET');
      assert.deepEqual(missingFeatures(report), []);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}
