// Cuts what the lab's editor never uses out of Monaco, which ships as if every page were VS Code.
// Four edits, each checked so that a Monaco upgrade that moves the code fails the build loudly
// instead of quietly shipping the full weight again (see the editor budget in tools/bench):
//
// 1. `internal/common/workers.js`, which the TypeScript language support imports to start its
//    worker, also imports all ~70 editor contributions. The lab picks its own list in
//    src/client/editor/monaco.ts, so those imports go.
// 2. The TypeScript worker carries every lib .d.ts TypeScript has. The lab's code runs in Node,
//    not a browser: the DOM and web-worker libs (a quarter of a megabyte compressed) go. Fetch
//    and stream types come from @types/node instead (src/lessons/editor-types.ts). The doc
//    comments of the ECMAScript libs go too: hovers on Array.prototype.map are not the lesson.
// 3. The generic editor worker only computes diffs here (the TypeScript worker does the rest).
//    Lesson files are a few dozen lines, so Monaco's own in-page fallback computes them, and the
//    second worker is never downloaded.
// 4. The standalone editor imports the multi-file diff editor (VS Code's, for reviewing many files
//    at once) for `createMultiFileDiffEditor`, which the lab never calls: Solve shows one file.
//    The import goes, and calling it throws; ~10 KB compressed that every first click waited for.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

export const WORKERS_MODULE = '/monaco-editor/esm/vs/internal/common/workers.js';
export const LIB_MODULE = '/monaco-editor/esm/vs/languages/features/typescript/lib/lib.js';
export const EDITOR_WORKER_SERVICE = '/monaco-editor/esm/vs/editor/browser/services/editorWorkerService.js';
export const STANDALONE_EDITOR = '/monaco-editor/esm/vs/editor/standalone/browser/standaloneEditor.js';
const MULTI_DIFF_IMPORT = "import { MultiDiffEditorWidget } from '../../browser/widget/multiDiffEditor/multiDiffEditorWidget.js';";

/**
 * The node_modules folder the installed monaco-editor sits in. Its package exports hide
 * package.json, so this starts from the entry file `require` resolves to.
 */
export function installedMonacoParent(): string {
  const entry = createRequire(import.meta.url).resolve('monaco-editor');
  return entry.slice(0, entry.lastIndexOf('/monaco-editor/'));
}

/**
 * The edits below match modules by path. Were Monaco to move one, no hook would ever see it and
 * the build would quietly ship the full weight; so the build stops here instead.
 */
export function checkAnchorFiles(monacoParent: string): void {
  const missing = [WORKERS_MODULE, LIB_MODULE, EDITOR_WORKER_SERVICE, STANDALONE_EDITOR].filter((file) => !existsSync(monacoParent + file));
  if (missing.length > 0) throw new Error(`monaco-slim: the installed monaco-editor has no ${missing.map((file) => file.slice(1)).join(', ')}; update src/build/monaco-slim.ts.`);
}

/** Lib files a Node program can need: the ECMAScript ones. */
export function isNodeLib(name: string): boolean {
  return /^lib\.(es\d{4}|esnext|es5|decorators)[\w.]*\.d\.ts$/.test(name) && !name.includes('.full.');
}

const WORKER_CLIENT_CREATION =
  /this\._worker = this\._register\(this\._webWorkerService\.createWorkerClient\(this\._workerDescriptorOrWorker\)\);\s*EditorWorkerHost\.setChannel\(this\._worker, this\._createEditorWorkerHost\(\)\);/;

export function monacoSlim(): Plugin {
  return {
    name: 'keep-alive-lab:monaco-slim',
    enforce: 'pre',
    buildStart() {
      checkAnchorFiles(installedMonacoParent());
    },
    async load(id) {
      if (!id.endsWith(LIB_MODULE)) return null;
      const { libFileMap } = (await import(pathToFileURL(id).href)) as { libFileMap: Record<string, string> };
      const kept = Object.fromEntries(
        Object.entries(libFileMap)
          .filter(([name]) => isNodeLib(name))
          .map(([name, text]) => [name, text.replace(/\/\*\*[\s\S]*?\*\/\s*/g, '')]),
      );
      if (!kept['lib.es5.d.ts'] || !kept['lib.esnext.d.ts']) throw new Error(`monaco-slim: ${LIB_MODULE} no longer has lib.es5.d.ts and lib.esnext.d.ts; update src/build/monaco-slim.ts.`);
      return `export const libFileMap = ${JSON.stringify(kept)};`;
    },
    transform(code, id) {
      if (id.endsWith(WORKERS_MODULE)) {
        const slimmed = code.replace(/^import '\.\.\/\.\.\/editor\/[^']+';\n/gm, '');
        if (slimmed === code) throw new Error(`monaco-slim: ${WORKERS_MODULE} no longer imports the editor contributions; update src/build/monaco-slim.ts.`);
        return { code: slimmed, map: null };
      }
      if (id.endsWith(EDITOR_WORKER_SERVICE)) {
        if (!WORKER_CLIENT_CREATION.test(code) || !code.includes('import { WebWorkerDescriptor }')) throw new Error(`monaco-slim: ${EDITOR_WORKER_SERVICE} changed how it starts its worker; update src/build/monaco-slim.ts.`);
        // Only the editor's own worker (a descriptor); other web workers (TypeScript's, created
        // through the same class from a Worker) start as before.
        const patched = code.replace(
          WORKER_CLIENT_CREATION,
          (creation) => `if (this._workerDescriptorOrWorker instanceof WebWorkerDescriptor) { this._worker = this._createFallbackLocalWorker(); } else { ${creation} }`,
        );
        return { code: patched, map: null };
      }
      if (id.endsWith(STANDALONE_EDITOR)) {
        if (!code.includes(MULTI_DIFF_IMPORT)) throw new Error(`monaco-slim: ${STANDALONE_EDITOR} no longer imports the multi-file diff editor as it did; update src/build/monaco-slim.ts.`);
        const stub = "const MultiDiffEditorWidget = class { constructor() { throw new Error('The multi-file diff editor is not in this build (src/build/monaco-slim.ts).'); } };";
        return { code: code.replace(MULTI_DIFF_IMPORT, stub), map: null };
      }
      return null;
    },
  };
}
