// The Monaco plugins edit Monaco's own modules by path and by text (src/build/monaco-slim.ts),
// or rely on how it imports its CSS (monaco-styles-on-demand.ts). A Monaco upgrade can move any
// of that; these tests run the hooks on the INSTALLED Monaco's files, so `npm test` says so before
// a build ships the full editor again, and check that a missing anchor stops the build by name.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import {
  checkAnchorFiles,
  EDITOR_WORKER_SERVICE,
  installedMonacoParent,
  LIB_MODULE,
  monacoSlim,
  STANDALONE_EDITOR,
  WORKERS_MODULE,
} from '../../src/build/monaco-slim.ts';
import { monacoStylesOnDemand } from '../../src/build/monaco-styles-on-demand.ts';

// The hooks as plain functions: monaco-slim's never use `this`.
type Transform = (code: string, id: string) => { code: string } | null;
type Load = (id: string) => Promise<string | null>;
const slim = monacoSlim();
const transform = slim.transform as unknown as Transform;
const load = slim.load as unknown as Load;

const monacoParent = installedMonacoParent();
const installed = (module: string) => ({ id: monacoParent + module, code: readFileSync(monacoParent + module, 'utf8') });
const scratch = mkdtempSync(join(tmpdir(), 'monaco-anchors-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('package.json pins monaco-editor to exactly the version installed, which the edits were made for', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
  const monaco = JSON.parse(readFileSync(join(monacoParent, 'monaco-editor/package.json'), 'utf8')) as { version: string };
  assert.equal(pkg.devDependencies['monaco-editor'], monaco.version);
});

test('the four modules monaco-slim edits are where it looks for them', () => {
  assert.doesNotThrow(() => checkAnchorFiles(monacoParent));
  const buildStart = slim.buildStart as unknown as () => void;
  assert.doesNotThrow(() => buildStart());
});

test('workers.js loses its imports of the editor contributions, and nothing else', () => {
  const { id, code } = installed(WORKERS_MODULE);
  const contributions = code.match(/^import '\.\.\/\.\.\/editor\/[^']+';\n/gm) ?? [];
  const result = transform(code, id);
  assert.ok(result);
  assert.doesNotMatch(result.code, /^import '\.\.\/\.\.\/editor\//m);
  assert.equal(result.code.length, code.length - contributions.join('').length);
});

test("the editor's own worker is computed in the page; TypeScript's worker starts as before", () => {
  const { id, code } = installed(EDITOR_WORKER_SERVICE);
  const result = transform(code, id);
  assert.ok(result);
  assert.match(result.code, /if \(this\._workerDescriptorOrWorker instanceof WebWorkerDescriptor\) \{ this\._worker = this\._createFallbackLocalWorker\(\); \} else \{ this\._worker = /);
});

test('the standalone editor no longer imports the multi-file diff editor, whose one entry point now throws', () => {
  const { id, code } = installed(STANDALONE_EDITOR);
  const result = transform(code, id);
  assert.ok(result);
  assert.doesNotMatch(result.code, /multiDiffEditor\//);
  assert.match(result.code, /createMultiFileDiffEditor/);
  assert.match(result.code, /throw new Error\('The multi-file diff editor is not in this build/);
});

test('the TypeScript worker keeps the ECMAScript libs only, without their doc comments', async () => {
  const code = await load(monacoParent + LIB_MODULE);
  assert.ok(code);
  const libs = JSON.parse(code.replace(/^export const libFileMap = /, '').replace(/;$/, '')) as Record<string, string>;
  assert.ok(libs['lib.es5.d.ts']?.includes('interface Array<T>'));
  assert.ok(libs['lib.esnext.d.ts']);
  assert.equal(libs['lib.dom.d.ts'], undefined);
  assert.equal(libs['lib.webworker.d.ts'], undefined);
  assert.doesNotMatch(libs['lib.es5.d.ts'] ?? '', /\/\*\*/);
});

test('a missing anchor stops the build with a message that names the file and what to update', async () => {
  assert.throws(() => checkAnchorFiles(scratch), /^Error: monaco-slim: the installed monaco-editor has no monaco-editor\/esm\/vs\/internal\/common\/workers\.js, .*; update src\/build\/monaco-slim\.ts\.$/);

  const workers = installed(WORKERS_MODULE);
  const withoutContributions = workers.code.replace(/^import '\.\.\/\.\.\/editor\/[^']+';\n/gm, '');
  assert.throws(() => transform(withoutContributions, workers.id), /monaco-slim: .*workers\.js no longer imports the editor contributions; update src\/build\/monaco-slim\.ts/);

  const service = installed(EDITOR_WORKER_SERVICE);
  const renamed = service.code.replace('this._webWorkerService.createWorkerClient(', 'this._webWorkerService.createClient(');
  assert.throws(() => transform(renamed, service.id), /monaco-slim: .*editorWorkerService\.js changed how it starts its worker; update src\/build\/monaco-slim\.ts/);

  const standalone = installed(STANDALONE_EDITOR);
  const moved = standalone.code.replace("from '../../browser/widget/multiDiffEditor/", "from '../../browser/widget/multiDiff/");
  assert.throws(() => transform(moved, standalone.id), /monaco-slim: .*standaloneEditor\.js no longer imports the multi-file diff editor as it did; update src\/build\/monaco-slim\.ts/);

  const fakeLib = join(scratch, LIB_MODULE);
  mkdirSync(dirname(fakeLib), { recursive: true });
  writeFileSync(fakeLib, "export const libFileMap = { 'lib.dom.d.ts': '' };\n");
  await assert.rejects(load(fakeLib), /monaco-slim: .*lib\.js no longer has lib\.es5\.d\.ts and lib\.esnext\.d\.ts; update src\/build\/monaco-slim\.ts/);
});

test("Monaco's modules still import their own CSS, which monaco-styles-on-demand turns into on-demand styles", async () => {
  const editorDir = join(monacoParent, 'monaco-editor/esm/vs/editor');
  const importer = readdirSync(editorDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => join(editorDir, file))
    .find((file) => /^import '\.[^']*\.css';$/m.test(readFileSync(file, 'utf8')));
  assert.ok(importer, 'no module under monaco-editor/esm/vs/editor imports a .css file any more');
  const source = /^import '(\.[^']*\.css)';$/m.exec(readFileSync(importer, 'utf8'))?.[1] ?? '';

  const styles = monacoStylesOnDemand();
  const context = { resolve: async (path: string, from: string) => ({ id: join(dirname(from), path) }) };
  const resolveId = styles.resolveId as unknown as (this: typeof context, source: string, importer: string) => Promise<string | null>;
  const id = await resolveId.call(context, source, importer);
  const cssPath = join(dirname(importer), source);
  assert.ok(existsSync(cssPath), cssPath);
  assert.equal(id, `\0monaco-style:${cssPath}.js`);

  const module = (styles.load as unknown as (id: string) => string | null)(id ?? '');
  assert.ok(module?.includes(`import css from ${JSON.stringify(`${cssPath}?inline`)};`));
  const adopt = /import \{ adoptEditorStyles \} from "([^"]+)";/.exec(module ?? '')?.[1] ?? '';
  assert.ok(existsSync(adopt), `adoptEditorStyles is imported from ${adopt}, which does not exist`);
});
