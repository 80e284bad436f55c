// Monaco with the editor's own contributions (features/register.all, the set editor.main uses)
// and one language: JavaScript, with the TypeScript worker behind it. Importing all of
// `monaco-editor` would add ~80 languages and the CSS, HTML and JSON workers. A hand-picked
// list of contributions is smaller but breaks: Monaco's parts ask each other for services at
// run time (the diff view needs the outline, drag-and-drop and code-lens services).
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';

export * as monaco from 'monaco-editor/editor/editor.api';
export * as typescript from 'monaco-editor/languages/features/typescript/register';
