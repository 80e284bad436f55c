// Creates the Monaco editor that takes the place of a file's static code.
import { currentTheme } from '../theme-choice.ts';
import type { EarlyKey } from './handoff.ts';
import { monaco, typescript } from './monaco.ts';

// Monaco's "vs" and "vs-dark" are VS Code's Light+ and Dark+, the themes shiki used for the
// static code, so the swap keeps its colours. One listener for the page: themes are global.
const monacoTheme = () => (currentTheme() === 'dark' ? 'vs-dark' : 'vs');
document.addEventListener('lab-theme', () => monaco.editor.setTheme(monacoTheme()));

export interface MountedEditor {
  /** Replaces the whole text (Reset, Undo, Solve). */
  setValue(value: string): void;
  /** Focuses the editor; with a line, puts the caret at its start. */
  focus(line?: number): void;
  /** Types keys held while the editor loaded, as if they were typed now. */
  typeKeys(keys: EarlyKey[]): void;
  /**
   * Frees the editor and its model. Models are global to Monaco and named by file, so the next
   * lesson's client.js can only be created once this lesson's is gone.
   */
  dispose(): void;
}

export interface MountOptions {
  value: string;
  fileName: string;
  /** The static code's scroll position, so the swap does not move the code. */
  scrollTop: number;
  onRunShortcut(): void;
  /** Called with the whole text after every edit. */
  onChange(value: string): void;
}

let nodeTypes: Promise<void> | undefined;

/**
 * Gives the TypeScript worker Node's types (a subset of @types/node, see
 * src/pages/editor-types/node.json.ts), once per page, after the editor is already usable.
 */
function loadNodeTypes(): Promise<void> {
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
      // Type-check the JavaScript, so `res.resme()` is underlined (test/lesson-types.test.ts
      // keeps every lesson's own code clean under these options).
      checkJs: true,
      // Plain JavaScript as people write it: no strict-null or implicit-any complaints.
      strict: false,
      // Node, not a browser: no DOM. fetch and Response come from @types/node and undici-types.
      lib: ['esnext'],
      // Every lesson file is an ES module, imports or not (top-level await in fetch clients).
      moduleDetection: 3,
    });
    const response = await fetch('/editor-types/node.json');
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

/**
 * The code's font size and line height, from the CSS variables the static code uses too, and in
 * presenter view long lines wrapped, as the static code wraps them (presenter.css).
 */
function codeSize(): Pick<monaco.editor.IEditorOptions, 'fontSize' | 'lineHeight' | 'wordWrap' | 'wrappingIndent'> {
  const styles = getComputedStyle(document.documentElement);
  const presenting = document.documentElement.hasAttribute('data-present');
  return {
    fontSize: parseFloat(styles.getPropertyValue('--code-size')) || 14,
    lineHeight: parseFloat(styles.getPropertyValue('--code-line')) || 20,
    wordWrap: presenting ? 'on' : 'off',
    wrappingIndent: 'same',
  };
}

export function mountEditor(panel: HTMLElement, options: MountOptions): MountedEditor {
  void loadNodeTypes();
  const host = document.createElement('div');
  host.className = 'editor-host';
  panel.append(host);
  const styles = getComputedStyle(document.documentElement);
  const model = monaco.editor.createModel(options.value, 'javascript', monaco.Uri.file(`/lesson/${options.fileName}`));
  const editor = monaco.editor.create(host, {
    model,
    theme: monacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontFamily: styles.getPropertyValue('--font-code'),
    ...codeSize(),
    padding: { top: 8, bottom: 8 },
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 14,
    folding: false,
    glyphMargin: false,
    renderLineHighlight: 'line',
    tabSize: 2,
    fixedOverflowWidgets: true,
    // Typing "." or "(" should never swap in a suggestion the learner did not pick.
    acceptSuggestionOnCommitCharacter: false,
    ariaLabel: `${options.fileName}, editable. Press Ctrl+M (Cmd+M on a Mac) to let Tab move focus out of the editor.`,
  });
  editor.setScrollTop(options.scrollTop);
  // Presenter view changes the code size; the static code follows the CSS, the editor follows here.
  const followPresenter = () => editor.updateOptions(codeSize());
  document.addEventListener('lab-present', followPresenter);
  // Ctrl/Cmd+Enter would insert a line in Monaco; in the lab it runs the lesson.
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, options.onRunShortcut);

  let replacing = false;
  model.onDidChangeContent(() => {
    if (!replacing) options.onChange(model.getValue());
  });

  return {
    setValue(value) {
      if (value === model.getValue()) return;
      replacing = true;
      // pushEditOperations keeps Monaco's own undo history, so Ctrl+Z can step back too.
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      replacing = false;
    },
    focus(line) {
      if (line !== undefined) editor.setPosition({ lineNumber: line, column: 1 });
      editor.focus();
    },
    typeKeys(keys) {
      for (const key of keys) {
        if ('text' in key) editor.trigger('keyboard', 'type', { text: key.text });
        else editor.trigger('keyboard', 'deleteLeft', null);
      }
    },
    dispose() {
      document.removeEventListener('lab-present', followPresenter);
      editor.dispose();
      model.dispose();
      host.remove();
    },
  };
}

export interface SolutionDiff {
  dispose(): void;
}

/**
 * Monaco's side-by-side diff: the learner's code on the left, the solution on the right,
 * read-only. Nothing changes until the learner applies it.
 */
export function showDiff(host: HTMLElement, fileName: string, mine: string, solution: string): SolutionDiff {
  const original = monaco.editor.createModel(mine, 'javascript');
  const modified = monaco.editor.createModel(solution, 'javascript');
  const diff = monaco.editor.createDiffEditor(host, {
    theme: monacoTheme(),
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: host.clientWidth > 560,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    ariaLabel: `${fileName}: your code compared with the solution`,
  });
  diff.setModel({ original, modified });
  return {
    dispose() {
      diff.dispose();
      original.dispose();
      modified.dispose();
    },
  };
}
