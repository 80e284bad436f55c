// Node's types for the TypeScript worker, so completions and hovers know `http` and `res.resume`.
import { typescript } from './monaco.ts';
import { sitePath } from '../../run/site-path.ts';

let nodeTypes: Promise<void> | undefined;

/**
 * Gives the TypeScript worker Node's types (a subset of @types/node, see
 * src/pages/editor-types/node.json.ts), once per page, after the editor is already usable.
 */
export function loadNodeTypes(): Promise<void> {
  nodeTypes ??= (async () => {
    const defaults = typescript.javascriptDefaults;
    defaults.setCompilerOptions({
      allowJs: true,
      allowNonTsExtensions: true,
      target: typescript.ScriptTarget.ESNext,
      module: typescript.ModuleKind.ESNext,
      moduleResolution: typescript.ModuleResolutionKind.NodeJs,
      // Lessons write `import http from 'node:http'`, a default import of a CommonJS module.
      allowSyntheticDefaultImports: true,
      esModuleInterop: true,
      // Type-check the JavaScript, so `res.resme()` is underlined (test/lessons/editor-types.test.ts
      // keeps every lesson's own code clean under these options).
      checkJs: true,
      // Plain JavaScript as people write it: no strict-null or implicit-any complaints.
      strict: false,
      // Node, not a browser: no DOM. fetch and Response come from @types/node and undici-types.
      lib: ['esnext'],
      // Every lesson file is an ES module, imports or not (top-level await in fetch clients).
      moduleDetection: 3,
    });
    const response = await fetch(sitePath('editor-types/node.json'));
    if (!response.ok) return;
    const { files } = (await response.json()) as { files: { name: string; content: string }[] };
    for (const file of files) defaults.addExtraLib(file.content, `file:///node_modules/${file.name}`);
    // Semantic checks only once Node's types are there: before, every import would be an error.
    defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  })().catch(() => {
    // Without the types the editor still edits; only completions are poorer.
  });
  return nodeTypes;
}
