// Every lesson's code, as the learner sees it in the editor: the editor type-checks JavaScript
// against Node's types (see src/client/editor/mount-editor.ts), so a lesson's own starter,
// solution and variants must be clean under the same options, or learners would see red
// underlines on code they did not write.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { editorTypeFiles } from '../../src/lessons/editor-types.ts';
import { challengeRun, readLessonFiles } from '../../src/lessons/lesson-files.ts';
import { LESSONS_DIR, lessonsOnDisk } from '../helpers/lessons.ts';

const typeFiles = editorTypeFiles();
const parsedDeclarations = new Map<string, ts.SourceFile>();

function diagnosticsFor(files: { name: string; content: string }[]): string[] {
  const options: ts.CompilerOptions = {
    allowJs: true,
    checkJs: true,
    strict: false,
    noEmit: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    allowSyntheticDefaultImports: true,
    esModuleInterop: true,
    // Node, not a browser: no DOM. fetch and Response come from @types/node and undici-types.
    lib: ['lib.esnext.d.ts'],
    // Every lesson file is an ES module, imports or not (top-level await in fetch clients).
    moduleDetection: ts.ModuleDetectionKind.Force,
    types: [],
  };
  const sources = new Map(files.map((file) => [`/lesson/${file.name}`, file.content]));
  for (const file of typeFiles) sources.set(`/node_modules/${file.name}`, file.content);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => sources.get(path) ?? readFile(path);
  host.fileExists = (path) => sources.has(path) || ts.sys.fileExists(path);
  // As in the editor, whose TypeScript host finds a folder wherever one of its files is.
  host.directoryExists = (path) => [...sources.keys()].some((name) => name.startsWith(`${path}/`)) || ts.sys.directoryExists(path);
  const getSourceFile = host.getSourceFile.bind(host);
  // Declarations (Node's types, TypeScript's libs) are parsed once for all tests.
  host.getSourceFile = (path, version) => {
    if (path.startsWith('/lesson/')) return ts.createSourceFile(path, sources.get(path)!, version);
    let parsed = parsedDeclarations.get(path);
    if (!parsed) {
      parsed = sources.has(path) ? ts.createSourceFile(path, sources.get(path)!, version) : getSourceFile(path, version);
      if (parsed) parsedDeclarations.set(path, parsed);
    }
    return parsed;
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName.startsWith('/lesson/'))
    .map((diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

test('the editor is given the Node types the lessons import, and fetch\'s', () => {
  const names = typeFiles.map((file) => file.name);
  for (const name of ['@types/node/http.d.ts', '@types/node/net.d.ts', '@types/node/web-globals/fetch.d.ts', 'undici-types/fetch.d.ts']) assert.ok(names.includes(name), name);
});

for (const lesson of lessonsOnDisk()) {
  const runs = new Set([
    'starter',
    'solution',
    ...(readdirSync(join(LESSONS_DIR, lesson.id)).includes('variants') ? readdirSync(join(LESSONS_DIR, lesson.id, 'variants')) : []),
    // Challenge code is edited in the same editor.
    ...lesson.frontmatter.challenges.flatMap((challenge) => [challengeRun(challenge.id, 'starter'), challengeRun(challenge.id, 'reference')]),
  ]);
  for (const run of runs) {
    test(`${lesson.id} ${run}: no type errors in the editor`, () => {
      assert.deepEqual(diagnosticsFor(readLessonFiles(lesson.folder, run)), []);
    });
  }
}

test('a misspelled method is a type error (the check can fail)', () => {
  const errors = diagnosticsFor([
    { name: 'client.js', content: "import http from 'node:http';\nhttp.get('http://127.0.0.1/', (res) => res.resme());\n" },
  ]);
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? '', /Property 'resme' does not exist on type 'IncomingMessage'/);
});

test('fetch is typed from undici-types, without the DOM lib: a misspelled Response member is an error', () => {
  const errors = diagnosticsFor([
    { name: 'client.js', content: "const res = await fetch('http://127.0.0.1/');\nawait res.body?.cancel();\nawait res.arrayBufer();\n" },
  ]);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0] ?? '', /Property 'arrayBufer' does not exist on type 'Response'/);
});
