// <code-tabs>: tab switching, the files shown as the learner has them (their state lives in
// lesson-files.ts), and the swap from static code to Monaco on first interaction (editor-swap.ts).
// Monaco loads on the first click into code, or just ahead of it (editor/edit-intent.ts), never
// with the page; until it has, the static code itself takes the learner's typing
// (editor/quick-edit.ts).
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { watchEditIntent } from '../editor/edit-intent.ts';
import { lineUnder } from '../editor/handoff.ts';
import { type EditorModule, fetchEditorAhead, loadEditorModule } from '../editor/load-editor.ts';
import { StaticCode } from '../editor/static-code.ts';
import { tabAfterKey } from '../editor/tab-keys.ts';
import { FILES_CHANGED_EVENT, RUN_SHORTCUT_EVENT, type RunShortcut, SHARED_CODE_EVENT } from '../shared/lab-events.ts';
import { editorUsedRecently } from '../shared/local-store.ts';
import { isLessonFiles, readPageData } from '../shared/page-data.ts';
import { pageUrl, SHARED_CODE_PREFIX } from '../shared/page-url.ts';
import { EditorSwap } from './editor-swap.ts';
import { showKeyLine } from './key-line.ts';
import { LessonFiles } from './lesson-files.ts';

export class CodeTabs extends HTMLElement {
  #files!: LessonFiles;
  /** Each file's static code: typed into in place where the browser can (quick-edit.ts). */
  readonly #staticCode = new Map<string, StaticCode>();
  readonly #swap = new EditorSwap({
    element: this,
    panel: (file) => this.#panel(file),
    text: (file) => this.#files.get(file),
    staticCode: (file) => this.#staticCode.get(file),
    state: (text) => {
      const state = this.querySelector<HTMLElement>('[data-editor-state]');
      if (state) state.textContent = text;
    },
    onChange: (file, text) => this.#changed(file, text),
    onRunShortcut: (check) => this.dispatchEvent(new CustomEvent<RunShortcut>(RUN_SHORTCUT_EVENT, { bubbles: true, detail: { check } })),
    onTabFocusMode: (on) => {
      const state = this.querySelector<HTMLElement>('[data-editor-state]');
      if (state) state.textContent = on ? 'Tab now moves focus out of the editor. Ctrl+M again to indent with Tab.' : 'Tab indents again. Ctrl+M lets Tab move focus out.';
    },
    onEditorMounted: () => {
      this.querySelector<HTMLButtonElement>('[data-action="edit"]')?.setAttribute('hidden', '');
      // The editor keeps Tab for indenting; the hint says how to get out with the keyboard.
      this.querySelector<HTMLElement>('[data-editor-hint]')?.removeAttribute('hidden');
      showKeyLine(this.#keyLineHost(), false);
    },
  });
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
    // Presenter view, on arrival or toggled: the line the lesson is about, in view.
    const keyLine = () => showKeyLine(this.#keyLineHost());
    keyLine();
    document.addEventListener('lab-present', keyLine, { signal });
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
    this.#swap.disposeAll();
  }

  #keyLineHost() {
    return {
      element: this,
      text: (file: string) => this.#files.get(file),
      panel: (file: string) => this.#panel(file),
      editor: (file: string) => this.#swap.editor(file),
      select: (file: string) => this.select(file),
    };
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
    this.dispatchEvent(new CustomEvent(SHARED_CODE_EVENT, { bubbles: true }));
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
    if (this.isConnected && panel && value !== undefined && this.#swap.editorCount === 0) module.prepareEditor(panel, file, value);
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
    if (this.#swap.editing) void this.activateEditor(file, undefined, false);
  }

  /** Replaces the static code of `file` with Monaco (editor-swap.ts); `line`: where the caret starts. */
  activateEditor(file: string, line?: number, focus = true): Promise<void> {
    return this.#swap.activate(file, line, focus);
  }

  #changed(file: string, value: string) {
    this.#files.change(file, value);
    this.dispatchEvent(new CustomEvent(FILES_CHANGED_EVENT, { bubbles: true }));
  }

  /** Shows files replaced wholesale (Reset, Undo, Solve, a share link) in their editors or code. */
  #show(contents: Map<string, string>) {
    for (const [file, content] of contents) {
      this.#swap.editor(file)?.setValue(content);
      this.#staticCode.get(file)?.show(content);
    }
    this.dispatchEvent(new CustomEvent(FILES_CHANGED_EVENT, { bubbles: true }));
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
