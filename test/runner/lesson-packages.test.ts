// The packages the lab lends lesson code (src/run/lesson-packages.ts): found in the files that
// import them, linked into plain runs, mounted read-only in confined ones, and mounted on demand in
// WebContainer (against the fake, typed like @webcontainer/api) from the file the build writes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { packagesImported } from '../../src/run/lesson-packages.ts';
import { WebContainerRuntime, type WebContainerRuntimeOptions } from '../../src/runtime/webcontainer/webcontainer-runtime.ts';
import { checkConfinement } from '../../src/runner/confinement.ts';
import { lessonPackageFiles } from '../../src/runner/lesson-packages.ts';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEvent } from '../../src/schemas/run-events.ts';
import { FakeWebContainer } from '../fakes/fake-webcontainer.ts';
import { LISTENING_SERVER, lesson } from '../helpers/lesson-code.ts';

const labUndici = JSON.parse(readFileSync(new URL('../../node_modules/undici/package.json', import.meta.url), 'utf8')) as { version: string };

/** A client that builds an Agent with both timeouts and prints undici's version from the copy it got. */
const UNDICI_CLIENT = `
import { Agent } from 'undici';
import { createRequire } from 'node:module';
const agent = new Agent({ headersTimeout: 1000, bodyTimeout: 1000 });
const res = await fetch('http://127.0.0.1:' + process.env.PORT + '/', { dispatcher: agent });
console.log('status ' + res.status + ' undici ' + createRequire(import.meta.url)('undici/package.json').version);
await agent.close();
`;

/** A client that tries to change the lab's copy of undici. */
const WRITING_CLIENT = `
import { appendFileSync } from 'node:fs';
try {
  appendFileSync('node_modules/undici/index.js', '\\n// changed by a lesson\\n');
  console.log('WROTE');
} catch (error) {
  console.log('REFUSED ' + error.code);
}
`;

const output = (events: RunEvent[]) => events.flatMap((event) => (event.type === 'output' && event.process === 'client' ? [event.text] : [])).join('');

test('packagesImported finds undici imported, imported dynamically or required, and not a mention or another package', () => {
  const files = (content: string) => [{ content }];
  assert.deepEqual(packagesImported(files(`import { Agent } from 'undici';`)), ['undici']);
  assert.deepEqual(packagesImported(files(`const { Agent } = await import("undici");`)), ['undici']);
  assert.deepEqual(packagesImported(files(`const { Agent } = require('undici');`)), ['undici']);
  assert.deepEqual(packagesImported(files(`// undici's Agent would help here\nimport http from 'node:http';`)), []);
  assert.deepEqual(packagesImported(files(`import type { Agent } from 'undici-types';`)), []);
});

describe('the local runner lends undici', () => {
  test('a plain run imports the lab’s copy, and its Agent takes both timeouts', async () => {
    const events: RunEvent[] = [];
    const end = await runLesson({ files: lesson(LISTENING_SERVER, UNDICI_CLIENT), signal: AbortSignal.timeout(20_000), onEvent: (event) => events.push(event) });
    assert.equal(end.reason, 'completed', output(events));
    assert.match(output(events), new RegExp(`status 200 undici ${labUndici.version.replaceAll('.', '\\.')}`));
  });

  const confinement = checkConfinement();
  test('a confined run imports it too, and cannot change it', { skip: confinement.ok ? false : `confinement is not available here: ${confinement.reason}` }, async () => {
    const before = readFileSync(new URL('../../node_modules/undici/index.js', import.meta.url), 'utf8');
    for (const [client, expected] of [[UNDICI_CLIENT, /status 200 undici /], [WRITING_CLIENT, /REFUSED E/]] as const) {
      const events: RunEvent[] = [];
      await runLesson({ files: lesson(LISTENING_SERVER, client), signal: AbortSignal.timeout(20_000), onEvent: (event) => events.push(event), confine: true });
      assert.match(output(events), expected);
    }
    assert.equal(readFileSync(new URL('../../node_modules/undici/index.js', import.meta.url), 'utf8'), before, 'the lab’s copy is unchanged');
  });
});

describe('WebContainer mounts undici the first time a run imports it', () => {
  const meter = (name: string) => readFileSync(new URL(`../../src/meter/${name}`, import.meta.url), 'utf8');
  const workdirs: string[] = [];
  after(() => workdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function setup(loadPackage?: WebContainerRuntimeOptions['loadPackage']) {
    const workdir = mkdtempSync(join(tmpdir(), 'fake-webcontainer-'));
    workdirs.push(workdir);
    const container = new FakeWebContainer(workdir, {});
    const runtime = new WebContainerRuntime({
      boot: async () => container,
      meterSource: meter('meter.js'),
      bootstrapSource: meter('bootstrap.js'),
      probeSource: meter('probe.js'),
      nodeMajor: Number(process.versions.node.split('.')[0]),
      limits: { listenTimeoutMs: 2_000, timeLimitMs: 10_000 },
      ...(loadPackage ? { loadPackage } : {}),
    });
    return runtime;
  }

  async function run(runtime: WebContainerRuntime, client: string) {
    const events: RunEvent[] = [];
    const end = await runtime.run({ files: lesson(LISTENING_SERVER, client), signal: new AbortController().signal, onEvent: (event) => events.push(event) });
    return { end, output: output(events) };
  }

  test('from the build’s file, once, and a run that imports nothing loads nothing', async () => {
    const loads: string[] = [];
    const runtime = setup(async (name) => {
      loads.push(name);
      // As the page gets it: through JSON.
      return JSON.parse(JSON.stringify(lessonPackageFiles(name)));
    });
    const plain = await run(runtime, `console.log('no packages');`);
    assert.equal(plain.end.reason, 'completed');
    assert.deepEqual(loads, []);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { end, output: printed } = await run(runtime, UNDICI_CLIENT);
      assert.equal(end.reason, 'completed', printed);
      assert.match(printed, new RegExp(`status 200 undici ${labUndici.version.replaceAll('.', '\\.')}`));
    }
    assert.deepEqual(loads, ['undici'], 'mounted once, for both runs');
  });

  test('a failed load says what to do, and the next run tries again', async () => {
    let failures = 1;
    const runtime = setup(async (name) => {
      if (failures-- > 0) throw new Error('the lab’s server answered 404');
      return lessonPackageFiles(name);
    });
    const failed = await run(runtime, UNDICI_CLIENT);
    assert.equal(failed.end.reason, 'failed');
    assert.match(failed.end.message ?? '', /imports undici, which the lab lends it, and loading it failed \(the lab’s server answered 404\)\. Check your connection and run again, or use the local runner\./);
    const retried = await run(runtime, UNDICI_CLIENT);
    assert.equal(retried.end.reason, 'completed', retried.output);
  });

  test('without a loader, a run that imports undici fails with that message', async () => {
    const { end } = await run(setup(), UNDICI_CLIENT);
    assert.equal(end.reason, 'failed');
    assert.match(end.message ?? '', /imports undici.*this page cannot load packages/);
  });
});

test('the build’s copy of undici is its JavaScript and package.json, without docs or types', () => {
  const { version, files } = lessonPackageFiles('undici');
  assert.equal(version, labUndici.version);
  assert.ok(files['index.js'] && files['package.json'] && files['lib/dispatcher/agent.js'], Object.keys(files).slice(0, 5).join(', '));
  assert.deepEqual(Object.keys(files).filter((path) => /^(docs|types|scripts)\/|\.d\.ts$|\.md$/.test(path)), []);
});
