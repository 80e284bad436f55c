// Creates the Monaco editor that takes the place of a file's static code.
import { codeSize, editorOptions, monacoTheme } from './editor-options.ts';
import type { TextSelection } from './code-text.ts';
import type { EarlyKey } from './handoff.ts';
import { monaco, TabFocus } from './monaco.ts';
import { loadNodeTypes } from './node-types.ts';

export interface MountedEditor {
  /** Replaces the whole text (Reset, Undo, Solve). */
  setValue(value: string): void;
  /** Focuses the editor; with a selection (offsets into the text), puts the caret there. */
  focus(selection?: TextSelection): void;
  /** Brings in what was typed before the editor took over, as one edit that Undo takes back. */
  takeTyped(value: string): void;
  /** Types keys held while the editor loaded, as if they were typed now. */
  typeKeys(keys: EarlyKey[]): void;
  /** Marks a line (presenter view's key line) and, with `reveal`, scrolls it into view; undefined unmarks. */
  markLine(line: number | undefined, reveal: boolean): void;
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
  /** Ctrl/Cmd+Enter: run; with Shift, `check`. */
  onRunShortcut(check: boolean): void;
  /** Ctrl+M switched whether Tab moves focus out of the editor (`on`) or indents. */
  onTabFocusMode(on: boolean): void;
  /** Called with the whole text after every edit. */
  onChange(value: string): void;
}

interface Made {
  panel: HTMLElement;
  fileName: string;
  host: HTMLElement;
  model: monaco.editor.ITextModel;
  editor: monaco.editor.IStandaloneCodeEditor;
}

/** An editor in a host of its own over the static code; `unseen` makes it hidden, but laid out. */
function make(panel: HTMLElement, fileName: string, value: string, language: string, unseen = false): Made {
  const host = document.createElement('div');
  host.className = 'editor-host';
  if (unseen) host.style.visibility = 'hidden';
  panel.append(host);
  const model = monaco.editor.createModel(value, language, monaco.Uri.file(`/lesson/${fileName}`));
  const editor = monaco.editor.create(host, {
    ...editorOptions(),
    model,
    ariaLabel: `${fileName}, editable. Press Ctrl+M (Cmd+M on a Mac) to let Tab move focus out of the editor.`,
  });
  return { panel, fileName, host, model, editor };
}

/**
 * Monaco's JavaScript tokenizer, which comes in a chunk of its own the first time the language is
 * asked for. An editor made before it is in draws the code in one colour, then every line again
 * in colour as it arrives: the swap would recolour the code. Loaded through colorize, which asks
 * for no model, so not for the language's services either (the TypeScript worker). Without it (a
 * failed download) the editor still works, in one colour.
 */
export function loadTokenizer(): Promise<unknown> {
  return monaco.editor.colorize('', 'javascript', {}).catch(() => undefined);
}

/** The editor made ahead of the click, hidden, for one file. */
let standby: Made | undefined;

/**
 * The standby editor if it was made for this file of this panel; any other is freed, since its
 * model holds the file's name (a lesson left by soft navigation has the next one's file names).
 */
function takeStandby(panel?: HTMLElement, fileName?: string): Made | undefined {
  const made = standby;
  standby = undefined;
  if (made && made.panel === panel && made.fileName === fileName && panel.isConnected) return made;
  if (made) {
    made.editor.dispose();
    made.model.dispose();
    made.host.remove();
  }
  return undefined;
}

/**
 * Ahead of the click (edit-intent.ts), at an idle moment: the first editor's one-time work
 * (Monaco's services, the theme's CSS, measuring the code font, the JavaScript tokenizer), and
 * the editor for the file in view, hidden in its panel. Its model stays plain text until the
 * click: a JavaScript model would start the TypeScript worker, which comes after the learner's
 * first keystroke. The click then shows it instead of making one (the bench's "fetched ahead").
 */
export function prepareEditor(panel: HTMLElement, fileName: string, value: string): void {
  if (standby?.panel.isConnected) return;
  takeStandby();
  // Already an editor (the click came first): nothing left to do ahead of it.
  if (monaco.editor.getModel(monaco.Uri.file(`/lesson/${fileName}`))) return;
  void loadTokenizer();
  // Made unseen where it will show: hidden with `visibility`, not `display`, so that Monaco lays
  // out and draws its lines now, not on the click. An unseen element takes no clicks and no focus.
  standby = make(panel, fileName, value, 'plaintext', true);
}

export function mountEditor(panel: HTMLElement, options: MountOptions): MountedEditor {
  void loadNodeTypes();
  const ready = takeStandby(panel, options.fileName);
  const { host, model, editor } = ready ?? make(panel, options.fileName, options.value, 'javascript');
  if (ready) {
    if (model.getValue() !== options.value) model.setValue(options.value);
    monaco.editor.setModelLanguage(model, 'javascript');
    // Presenter view may have changed the code size since it was made.
    editor.updateOptions(codeSize());
    host.style.visibility = '';
  }
  editor.setScrollTop(options.scrollTop);
  // Presenter view changes the code size; the static code follows the CSS, the editor follows here.
  const followPresenter = () => editor.updateOptions(codeSize());
  document.addEventListener('lab-present', followPresenter);
  // Ctrl/Cmd+Enter would insert a line in Monaco; in the lab it runs the lesson.
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRunShortcut(false));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => options.onRunShortcut(true));
  // Monaco only tells a screen reader that Ctrl+M changed what Tab does; the page shows it too.
  const tabFocus = TabFocus.onDidChangeTabFocus((on) => {
    if (editor.hasWidgetFocus()) options.onTabFocusMode(on);
  });

  const marked = editor.createDecorationsCollection();
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
    focus(selection) {
      if (selection) {
        const anchor = model.getPositionAt(selection.anchor);
        const caret = model.getPositionAt(selection.focus);
        // No reveal: the caret was in view in the static code, and the editor keeps its scroll.
        editor.setSelection(new monaco.Selection(anchor.lineNumber, anchor.column, caret.lineNumber, caret.column));
      }
      editor.focus();
    },
    takeTyped(value) {
      const before = model.getValue();
      if (value === before) return;
      // Only the span that differs, so Undo restores the text without moving everything else.
      let start = 0;
      while (start < before.length && start < value.length && before[start] === value[start]) start++;
      let end = 0;
      while (end < before.length - start && end < value.length - start && before[before.length - 1 - end] === value[value.length - 1 - end]) end++;
      const from = model.getPositionAt(start);
      const to = model.getPositionAt(before.length - end);
      model.pushEditOperations(
        [],
        [{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: value.slice(start, value.length - end) }],
        () => null,
      );
    },
    typeKeys(keys) {
      for (const key of keys) {
        if ('text' in key) editor.trigger('keyboard', 'type', { text: key.text });
        else editor.trigger('keyboard', 'deleteLeft', null);
      }
    },
    markLine(line, reveal) {
      marked.set(line === undefined ? [] : [{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'key-line' } }]);
      // After the font change presenter view brings, so that the line lands where it will stay.
      if (line !== undefined && reveal) requestAnimationFrame(() => editor.revealLineNearTop(line, monaco.editor.ScrollType.Immediate));
    },
    dispose() {
      document.removeEventListener('lab-present', followPresenter);
      tabFocus.dispose();
      editor.dispose();
      model.dispose();
      host.remove();
    },
  };
}

export interface SolutionDiff {
  /** Side by side (your code left, the solution right), or inline (one column, removed and added lines). */
  readonly sideBySide: boolean;
  dispose(): void;
}

/** Below this width two columns of code are too narrow to read: the diff is inline. */
const SIDE_BY_SIDE_MIN_PX = 720;

/**
 * Monaco's diff: the learner's code against the solution, read-only, side by side where there is
 * room, else inline. The layout is chosen here, once, and Monaco told not to switch on its own (it
 * would go inline below 900 px while the panel still said "left" and "right"). Once the diff is
 * computed, its first change is scrolled to the middle of the box. Nothing changes until the
 * learner applies it.
 */
export function showDiff(host: HTMLElement, fileName: string, mine: string, solution: string): SolutionDiff {
  const original = monaco.editor.createModel(mine, 'javascript');
  const modified = monaco.editor.createModel(solution, 'javascript');
  const sideBySide = host.clientWidth >= SIDE_BY_SIDE_MIN_PX;
  const diff = monaco.editor.createDiffEditor(host, {
    theme: monacoTheme(),
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: sideBySide,
    useInlineViewWhenSpaceIsLimited: false,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    ariaLabel: `${fileName}: your code compared with the solution`,
  });
  diff.setModel({ original, modified });
  const shown = diff.onDidUpdateDiff(() => {
    const first = diff.getLineChanges()?.[0];
    if (!first) return;
    shown.dispose();
    const line = first.modifiedEndLineNumber > 0 ? first.modifiedStartLineNumber : first.originalStartLineNumber;
    (first.modifiedEndLineNumber > 0 ? diff.getModifiedEditor() : diff.getOriginalEditor()).revealLineInCenter(line);
  });
  return {
    sideBySide,
    dispose() {
      shown.dispose();
      diff.dispose();
      original.dispose();
      modified.dispose();
    },
  };
}
