// Monaco with the contributions a lesson editor needs, and one language: JavaScript, with the
// TypeScript worker behind it. Importing all of `monaco-editor` would add ~80 languages, the CSS,
// HTML and JSON workers and ~70 contributions; src/build/monaco-slim.ts keeps Monaco's own
// modules from pulling those back in. Every import here costs download time on the first click
// into code (the editor's budget is in tools/bench/budgets.ts): add one only for what lessons use.
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    // The generic editor worker is not shipped: monaco-slim makes Monaco compute diffs in the page.
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    throw new Error(`No "${label}" worker in this build.`);
  },
};

// Editing and reading code.
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
// Ctrl+M leaves the editor's Tab trap (the page says so); F1 lists commands, Alt+F1 helps.
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/quickHelp/register';
// What the TypeScript worker feeds: completions, hovers, signatures, quick fixes, errors.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/gotoError/register';
// The diff view for Solve.
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/languages/definitions/javascript/register';

export * as monaco from 'monaco-editor/editor/editor.api';
// Whether Tab moves focus (Ctrl+M toggles it, for every editor at once): the API tells editors'
// options nothing of it, so the page reads Monaco's own switch to say what Tab now does.
export { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus.js';
export * as typescript from 'monaco-editor/languages/features/typescript/register';
