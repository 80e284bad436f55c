// <code-tabs>: tab switching, the files shown as the learner has them (their state lives in
// lesson-files.ts), and the swap from static code to Monaco on first interaction. Monaco loads on
// the first click into code, or just ahead of it (editor/edit-intent.ts), never with the page;
// until it has, the static code itself takes the learner's typing (quick-edit.ts).
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { LessonFiles } from './lesson-files.ts';
import { watchEditIntent } from './editor/edit-intent.ts';
import { holdEarlyKeys, lineUnder, lineStart } from './editor/handoff.ts';
import { EDITOR_MARKS, editorModuleLoaded, type EditorModule, fetchEditorAhead, loadEditorModule } from './editor/load-editor.ts';
import type { MountedEditor } from './editor/mount-editor.ts';
import { editorUsedRecently, markEditorUsed } from './local-store.ts';
import { tabAfterKey } from './tab-keys.ts';
import { isLessonFiles, readPageData } from './page-data.ts';
import { pageUrl, SHARED_CODE_PREFIX } from './page-url.ts';
import type { QuickEdit, TextSelection } from './quick-edit.ts';
import { StaticCode } from './static-code.ts';

/**
 * Whether an editor has been made in this visit: the first one holds the page while Monaco sets
 * itself up and waits for a pause in typing; later ones (another file, the next lesson through
 * its link) are quick and do not.
 */
let madeAnEditor = false;

export class CodeTabs extends HTMLElement {
  #files!: LessonFiles;
  readonly #editors = new Map<string, MountedEditor>();
  /** Each file's static code: typed into in place where the browser can (quick-edit.ts). */
  readonly #staticCode = new Map<string, StaticCode>();
  /** Set on the first click into code: from then on, every file the learner opens is an editor. */
  #editing = false;
  readonly #holdingKeys = new Set<string>();
  /** Aborted when the element leaves the page: removes its listeners on window. */
  #connection?: AbortController;

  connectedCallback() {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    const original = readPageData(this, 'lesson-files', isLessonFiles) ?? [];
    this.#files = new LessonFiles(this.dataset.lesson ?? 'lesson', original);
    // A learner who clicked the code before this script ran: it has focus, and keeps it below.
    const clickedEarly = this.#panels().find((panel) => panel.contains(document.activeElement))?.dataset.file;
    for (const { name, content } of this.#files.all()) {
      const code = this.#panel(name)?.querySelector<HTMLElement>('[data-static-code] code');
      if (code) this.#staticCode.set(name, new StaticCode(code, content, name, (text) => this.#changed(name, text)));
    }

    for (const tab of this.#tabs()) {
      tab.addEventListener('click', () => this.select(tab.dataset.file ?? ''));
      tab.addEventListener('keydown', (event) => this.#onTabKey(event));
    }
    for (const panel of this.#panels()) {
      const file = panel.dataset.file ?? '';
      const staticCode = panel.querySelector<HTMLElement>('[data-static-code]');
      staticCode?.addEventListener('pointerdown', (event) => {
        void this.activateEditor(file, lineUnder(event.target));
      });
      staticCode?.addEventListener('focusin', () => void this.activateEditor(file));
    }
    if (clickedEarly) {
      this.#panel(clickedEarly)?.querySelector<HTMLElement>('[data-static-code] code[contenteditable]')?.focus();
      void this.activateEditor(clickedEarly);
    }
    const prepare = (module: EditorModule) => this.#prepareEditor(module);
    watchEditIntent({
      code: this,
      workspace: this.closest<HTMLElement>('lesson-workspace') ?? this,
      returning: editorUsedRecently(),
      onIntent: () => fetchEditorAhead(prepare),
      signal,
    });
    const edit = this.querySelector<HTMLButtonElement>('[data-action="edit"]');
    if (edit) {
      edit.hidden = false;
      edit.addEventListener('click', () => {
        const file = this.selectedFile();
        // Typing can start at once, in the code, while the editor loads.
        if (this.#staticCode.get(file)?.editable) this.#panel(file)?.querySelector<HTMLElement>('[data-static-code] code')?.focus();
        void this.activateEditor(file);
      });
    }
    window.addEventListener('pagehide', () => this.#files.saveNow(), { signal });
    const state = this.querySelector<HTMLElement>('[data-editor-state]');
    if (state && this.#files.restored) state.textContent = 'Your edits from last time are back.';
    void this.#openSharedLink();
    // A share link opened in a tab already on this lesson changes only the fragment.
    window.addEventListener('hashchange', () => void this.#openSharedLink(), { signal });
  }

  /**
   * Soft navigation to another page removes this element: the edits are saved now, not 300 ms
   * from now, and the editors go (Monaco's models are global, named by file, and the next lesson
   * has files of the same names).
   */
  disconnectedCallback() {
    this.#connection?.abort();
    this.#files.saveNow();
    for (const editor of this.#editors.values()) editor.dispose();
    this.#editors.clear();
  }

  /** Shows code from a #code= link without touching the learner's saved code. */
  async #openSharedLink() {
    const { hash } = pageUrl();
    // The decoder loads only for a page opened from a share link.
    if (!hash.startsWith(SHARED_CODE_PREFIX)) return;
    const { filesFromLink } = await import('./share-link.ts');
    const shared = await filesFromLink(hash);
    if (!shared) return;
    this.#show(this.#files.showShared(shared));
    this.dispatchEvent(new CustomEvent('shared-code', { bubbles: true }));
  }

  /** Ends the shared view: back to the learner's own code, or keep the shared code as theirs. */
  leaveShared(keep: boolean) {
    if (!this.#files.showingShared) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    const own = this.#files.leaveShared(keep);
    if (own) this.#show(own);
  }

  /** The files as they are now, the learner's edits included. */
  files(): LessonFile[] {
    return this.#files.all();
  }

  /** Whether any file differs from the starter. */
  edited(): boolean {
    return this.#files.edited();
  }

  /** Puts every file back to the starter code; `undo` brings the edits back. */
  reset() {
    this.replace(this.#files.starter());
  }

  /** Replaces files wholesale (Reset, Solve), remembering what they held for one `undo`. */
  replace(contents: Map<string, string>) {
    this.#files.replace(contents);
    this.#show(contents);
  }

  undo() {
    const before = this.#files.undo();
    if (before) this.#show(before);
  }

  /** Ahead of the click: the editor of the file in view, made and kept hidden until then. */
  async #prepareEditor(module: EditorModule) {
    const file = this.selectedFile();
    const panel = this.#panel(file);
    const quick = await this.#staticCode.get(file)?.editing();
    const value = quick?.base ?? this.#files.get(file);
    if (this.isConnected && panel && value !== undefined && this.#editors.size === 0) module.prepareEditor(panel, file, value);
  }

  /** Loads the editor module without mounting an editor (Solve needs Monaco's diff view). */
  loadEditor(): Promise<EditorModule> {
    return loadEditorModule();
  }

  selectedFile(): string {
    return this.#tabs().find((tab) => tab.getAttribute('aria-selected') === 'true')?.dataset.file ?? '';
  }

  select(file: string, focusTab = false) {
    for (const tab of this.#tabs()) {
      const selected = tab.dataset.file === file;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focusTab) tab.focus();
    }
    for (const panel of this.#panels()) panel.hidden = panel.dataset.file !== file;
    // Once the learner is editing, every file they open is an editor too.
    if (this.#editing) void this.activateEditor(file, undefined, false);
  }

  /**
   * Replaces the static code of `file` with Monaco, keeping its scroll position and what the
   * learner typed into it meanwhile, caret and selection too.
   */
  async activateEditor(file: string, line?: number, focus = true): Promise<void> {
    const existing = this.#editors.get(file);
    if (existing) {
      if (focus) existing.focus();
      return;
    }
    const panel = this.#panel(file);
    const staticCode = panel?.querySelector<HTMLElement>('[data-static-code]');
    if (!panel || !staticCode || this.#files.get(file) === undefined) return;

    const clickedAt = performance.now();
    const state = this.querySelector<HTMLElement>('[data-editor-state]');
    if (!this.#editing && state) state.textContent = 'Loading editor…';
    this.#editing = true;
    const view = this.#staticCode.get(file);
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
      module = await loadEditorModule();
      // The editor shows the code in its colours from its first frame, as the static code did.
      await module.loadTokenizer();
    } catch {
      early?.stop();
      this.#holdingKeys.delete(file);
      this.#editing = false;
      if (state)
        state.textContent = view?.editable
          ? 'The editor could not load: you can still edit the code here as plain text, and run it. Reload the page to try again.'
          : 'The editor could not load. Reload the page to try again; your code can still run as shown.';
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
    if (!this.isConnected) return;

    // Focus follows the code into the editor only if the learner has not moved on meanwhile.
    const active = document.activeElement;
    const takeFocus = focus && (active === null || active === document.body || staticCode.contains(active));
    const value = this.#files.get(file) ?? '';
    const selection: TextSelection | undefined = inPlace?.selection() ?? (line === undefined ? undefined : { anchor: lineStart(value, line), focus: lineStart(value, line) });
    const scroller = staticCode.querySelector('pre') ?? staticCode;
    const editor = module.mountEditor(panel, {
      // From the text before any typing here, so that Undo in the editor takes that typing back.
      value: inPlace?.base ?? value,
      fileName: file,
      scrollTop: scroller.scrollTop,
      onRunShortcut: () => this.dispatchEvent(new CustomEvent('run-shortcut', { bubbles: true })),
      onChange: (text) => this.#changed(file, text),
    });
    editor.takeTyped(value);
    this.#editors.set(file, editor);
    if (!madeAnEditor) markEditorUsed();
    madeAnEditor = true;
    staticCode.hidden = true;
    if (state) state.textContent = '';
    this.querySelector<HTMLButtonElement>('[data-action="edit"]')?.setAttribute('hidden', '');
    // The editor keeps Tab for indenting; the hint says how to get out with the keyboard.
    this.querySelector<HTMLElement>('[data-editor-hint]')?.removeAttribute('hidden');
    if (takeFocus) editor.focus(selection);
    editor.typeKeys(keys);
    performance.mark(EDITOR_MARKS.mounted);
  }

  #changed(file: string, value: string) {
    this.#files.change(file, value);
    this.dispatchEvent(new CustomEvent('files-changed', { bubbles: true }));
  }

  /** Shows files replaced wholesale (Reset, Undo, Solve, a share link) in their editors or code. */
  #show(contents: Map<string, string>) {
    for (const [file, content] of contents) {
      this.#editors.get(file)?.setValue(content);
      this.#staticCode.get(file)?.show(content);
    }
    this.dispatchEvent(new CustomEvent('files-changed', { bubbles: true }));
  }

  #onTabKey(event: KeyboardEvent) {
    const tabs = this.#tabs();
    const index = tabs.findIndex((tab) => tab === event.currentTarget);
    const next = tabAfterKey(event.key, index, tabs.length);
    if (next === undefined) return;
    event.preventDefault();
    this.select(tabs[next]?.dataset.file ?? '', true);
  }

  #tabs(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[role="tab"]')];
  }

  #panel(file: string): HTMLElement | undefined {
    return this.#panels().find((candidate) => candidate.dataset.file === file);
  }

  #panels(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
  }
}

customElements.define('code-tabs', CodeTabs);
