// The type declarations the editor's TypeScript worker gets: the part of @types/node the lessons
// touch, plus undici-types, where Node's fetch, Request and Response are declared. Served as one
// static JSON file (src/pages/editor-types/node.json.ts) and type-checked against every lesson
// by test/lessons/editor-types.test.ts with the same options as the editor.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const NODE_MODULES = [
  'assert', 'assert/strict', 'buffer', 'buffer.buffer', 'console', 'diagnostics_channel', 'dns', 'events', 'globals',
  'globals.typedarray', 'http', 'net', 'perf_hooks', 'process', 'stream', 'stream/web', 'test', 'timers', 'url',
  'web-globals/abortcontroller', 'web-globals/domexception', 'web-globals/events', 'web-globals/fetch', 'web-globals/streams',
];

export interface DeclarationFile {
  /** Path under node_modules/, where the editor and the test both put it. */
  name: string;
  content: string;
}

const require = createRequire(import.meta.url);
const packageRoot = (name: string) => dirname(require.resolve(`${name}/package.json`));

export function editorTypeFiles(): DeclarationFile[] {
  const nodeRoot = packageRoot('@types/node');
  // undici-types sits beside @types/node, whose dependency it is.
  const undiciRoot = dirname(createRequire(join(nodeRoot, 'package.json')).resolve('undici-types/package.json'));
  return [
    ...NODE_MODULES.map((name) => ({ name: `@types/node/${name}.d.ts`, content: readFileSync(join(nodeRoot, `${name}.d.ts`), 'utf8') })),
    ...readdirSync(undiciRoot)
      .filter((file) => file.endsWith('.d.ts'))
      .map((file) => ({ name: `undici-types/${file}`, content: readFileSync(join(undiciRoot, file), 'utf8') })),
    // The undici the lab lends lesson code (src/run/lesson-packages.ts) has the same API as the
    // types Node's fetch is declared with: `import { Agent } from 'undici'` checks against them.
    { name: 'undici/index.d.ts', content: "export * from 'undici-types';\nexport { default } from 'undici-types';\n" },
  ].map((file) => ({ ...file, content: slimDeclarations(file.name, file.content) }));
}

/** Modules whose doc comments a learner reads on hover; the rest keep only their types. */
const DOCUMENTED = /^(@types\/node\/(http|net)\.d\.ts|undici-types\/fetch\.d\.ts)$/;

/**
 * Shrinks a declaration file for the editor (the editor's download has a budget, see README):
 * code samples in doc comments go everywhere, whole doc comments outside DOCUMENTED.
 */
export function slimDeclarations(name: string, declarations: string): string {
  if (!DOCUMENTED.test(name)) return declarations.replace(/\/\*\*(?!<)[\s\S]*?\*\/\s*/g, '');
  return declarations.replace(/^\s*\* ```\w*\n[\s\S]*?^\s*\* ```\n/gm, '');
}
