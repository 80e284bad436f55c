// The swap from a file's static code to Monaco, for <code-tabs>: one editor per file, made on the
// first click into code (or ahead of it, editor/edit-intent.ts), taking over the text typed into
// the static code meanwhile (editor/quick-edit.ts), its caret, its scroll position, and the keys
// held where the code could not take them itself (editor/handoff.ts).
import type { TextSelection } from '../editor/code-text.ts';
import { holdEarlyKeys, lineStart } from '../editor/handoff.ts';
import { EDITOR_MARKS, editorModuleLoaded, type EditorModule, loadEditorModule } from '../editor/load-editor.ts';
import type { MountedEditor } from '../editor/mount-editor.ts';
import type { QuickEdit } from '../editor/quick-edit.ts';
import type { StaticCode } from '../editor/static-code.ts';
import { markEditorUsed } from '../shared/local-store.ts';

/** What the swap needs of <code-tabs>: its files' panels, texts and static code, and where edits go. */
export interface SwapHost {
  /** The element: the swap stops once it has left the page. */
  readonly element: HTMLElement;
  panel(file: string): HTMLElement | undefined;
  text(file: string): string | undefined;
  staticCode(file: string): StaticCode | undefined;
  /** Says how loading goes: "Loading editor…", a failure, or '' once the editor is in. */
  state(text: string): void;
  onChange(file: string, text: string): void;
  onRunShortcut(check: boolean): void;
  /** Ctrl+M: Tab now moves focus (`on`), or indents again. */
  onTabFocusMode(on: boolean): void;
  /** An editor is in: the Edit button goes, and the editor's keyboard hint shows. */
  onEditorMounted(): void;
}

/**
 * Whether an editor has been made in this visit: the first one holds the page while Monaco sets
 * itself up and waits for a pause in typing; later ones (another file, the next lesson through
 * its link) are quick and do not.
 */
let madeAnEditor = false;

export class EditorSwap {
  readonly #host: SwapHost;
  readonly #load: () => Promise<EditorModule>;
  readonly #editors = new Map<string, MountedEditor>();
  readonly #holdingKeys = new Set<string>();
  /** Set on the first click into code: from then on, every file the learner opens is an editor. */
  editing = false;

  /** `load`: the editor module (Monaco), loadEditorModule unless a test gives its own. */
  constructor(host: SwapHost, load: () => Promise<EditorModule> = loadEditorModule) {
    this.#host = host;
    this.#load = load;
  }

  editor(file: string): MountedEditor | undefined {
    return this.#editors.get(file);
  }

  get editorCount(): number {
    return this.#editors.size;
  }

  /** Frees every editor: Monaco's models are global, named by file, and the next lesson has files of the same names. */
  disposeAll(): void {
    for (const editor of this.#editors.values()) editor.dispose();
    this.#editors.clear();
  }

  /**
   * Replaces the static code of `file` with Monaco, keeping its scroll position and what the
   * learner typed into it meanwhile, caret and selection too.
   */
  async activate(file: string, line?: number, focus = true): Promise<void> {
    const existing = this.#editors.get(file);
    if (existing) {
      if (focus) existing.focus();
      return;
    }
    const host = this.#host;
    const panel = host.panel(file);
    const staticCode = panel?.querySelector<HTMLElement>('[data-static-code]');
    if (!panel || !staticCode || host.text(file) === undefined) return;

    const clickedAt = performance.now();
    if (!this.editing) host.state('Loading editor…');
    this.editing = true;
    const view = host.staticCode(file);
    // Where the code cannot take keys itself, they are held and typed into the editor once it is
    // there. One holder per file: a click also focuses the code, and both would replay the keys.
    const early = focus && !view?.editable && !this.#holdingKeys.has(file) ? holdEarlyKeys(staticCode) : undefined;
    if (early) this.#holdingKeys.add(file);
    let module: EditorModule;
    let inPlace: QuickEdit | undefined;
    try {
      inPlace = await view?.editing();
      // The click is answered first: the caret is drawn, and Monaco's code, which holds the page
      // for a few hundred milliseconds as it first runs, waits for a pause in any typing.
      if (focus) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      if (focus && !editorModuleLoaded()) await inPlace?.pause(clickedAt);
      module = await this.#load();
      // The editor shows the code in its colours from its first frame, as the static code did.
      await module.loadTokenizer();
    } catch {
      early?.stop();
      this.#holdingKeys.delete(file);
      this.editing = false;
      host.state(
        view?.editable
          ? 'The editor could not load: you can still edit the code here as plain text, and run it. Reload the page to try again.'
          : 'The editor could not load. Reload the page to try again; your code can still run as shown.',
      );
      return;
    }
    // With the editor fetched ahead, this runs within the pointerdown's own task, and the browser's
    // mousedown that follows would take focus back from the editor. A task later, it stays.
    await new Promise((resolve) => setTimeout(resolve));
    // The learner may be typing into the code: the first editor takes over in a pause.
    if (focus && !madeAnEditor) await inPlace?.pause(clickedAt);
    const keys = early?.stop() ?? [];
    if (early) this.#holdingKeys.delete(file);
    const mountedMeanwhile = this.#editors.get(file);
    if (mountedMeanwhile) {
      if (focus) mountedMeanwhile.focus();
      mountedMeanwhile.typeKeys(keys);
      return;
    }
    // The learner left for another lesson while Monaco loaded: its editor would hold this file's name.
    if (!host.element.isConnected) return;

    // Focus follows the code into the editor only if the learner has not moved on meanwhile.
    const active = document.activeElement;
    const takeFocus = focus && (active === null || active === document.body || staticCode.contains(active));
    const value = host.text(file) ?? '';
    const selection: TextSelection | undefined = inPlace?.selection() ?? (line === undefined ? undefined : { anchor: lineStart(value, line), focus: lineStart(value, line) });
    const scroller = staticCode.querySelector('pre') ?? staticCode;
    const editor = module.mountEditor(panel, {
      // From the text before any typing here, so that Undo in the editor takes that typing back.
      value: inPlace?.base ?? value,
      fileName: file,
      scrollTop: scroller.scrollTop,
      onRunShortcut: (check) => host.onRunShortcut(check),
      onTabFocusMode: (on) => host.onTabFocusMode(on),
      onChange: (text) => host.onChange(file, text),
    });
    editor.takeTyped(value);
    this.#editors.set(file, editor);
    if (!madeAnEditor) markEditorUsed();
    madeAnEditor = true;
    staticCode.hidden = true;
    host.state('');
    host.onEditorMounted();
    if (takeFocus) editor.focus(selection);
    editor.typeKeys(keys);
    performance.mark(EDITOR_MARKS.mounted);
  }
}
