// <code-tabs>: tab switching, and the swap from static code to Monaco on first interaction.
// Monaco is imported only inside activateEditor, so not a byte of it loads with the page.
import type { LessonFile } from '../schemas/run-events.ts';
import type { MountedEditor } from './editor/mount-editor.ts';

export class CodeTabs extends HTMLElement {
  readonly #original: LessonFile[] = [];
  readonly #editors = new Map<string, MountedEditor>();
  #editorModule?: Promise<typeof import('./editor/mount-editor.ts')>;

  connectedCallback() {
    const json = this.querySelector('[data-lesson-files]')?.textContent ?? '[]';
    this.#original.push(...(JSON.parse(json) as LessonFile[]));

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
    const edit = this.querySelector<HTMLButtonElement>('[data-action="edit"]');
    if (edit) {
      edit.hidden = false;
      edit.addEventListener('click', () => void this.activateEditor(this.selectedFile()));
    }
  }

  /** The files as they are now: the learner's edits once the editor is open, else the originals. */
  files(): LessonFile[] {
    return this.#original.map((file) => ({ name: file.name, content: this.#editors.get(file.name)?.value() ?? file.content }));
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
    if (this.#editorModule) void this.activateEditor(file, undefined, false);
  }

  /** Replaces the static code of `file` with Monaco, keeping its scroll position. */
  async activateEditor(file: string, line?: number, focus = true): Promise<void> {
    const existing = this.#editors.get(file);
    if (existing) {
      if (focus) existing.focus(line);
      return;
    }
    const panel = this.#panels().find((candidate) => candidate.dataset.file === file);
    const staticCode = panel?.querySelector<HTMLElement>('[data-static-code]');
    const original = this.#original.find((candidate) => candidate.name === file);
    if (!panel || !staticCode || !original) return;

    const state = this.querySelector<HTMLElement>('[data-editor-state]');
    if (!this.#editorModule) {
      if (state) state.textContent = 'Loading editor…';
      this.#editorModule = import('./editor/mount-editor.ts');
    }
    let module: typeof import('./editor/mount-editor.ts');
    try {
      module = await this.#editorModule;
    } catch {
      this.#editorModule = undefined;
      if (state) state.textContent = 'The editor could not load. Reload the page to try again; your code can still run as shown.';
      return;
    }
    if (this.#editors.has(file)) return this.activateEditor(file, line, focus);

    const scroller = staticCode.querySelector('pre') ?? staticCode;
    const editor = module.mountEditor(panel, {
      value: original.content,
      fileName: file,
      scrollTop: scroller.scrollTop,
      onRunShortcut: () => this.dispatchEvent(new CustomEvent('run-shortcut', { bubbles: true })),
    });
    this.#editors.set(file, editor);
    staticCode.hidden = true;
    if (state) state.textContent = '';
    this.querySelector<HTMLButtonElement>('[data-action="edit"]')?.setAttribute('hidden', '');
    if (focus) editor.focus(line);
  }

  #onTabKey(event: KeyboardEvent) {
    const tabs = this.#tabs();
    const index = tabs.findIndex((tab) => tab === event.currentTarget);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    this.select(tabs[next]?.dataset.file ?? '', true);
  }

  #tabs(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[role="tab"]')];
  }

  #panels(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
  }
}

/** The 1-based line of the static code under a click, so the editor opens with the caret there. */
function lineUnder(target: EventTarget | null): number | undefined {
  const line = target instanceof Element ? target.closest('.line') : null;
  if (!line?.parentElement) return undefined;
  return [...line.parentElement.querySelectorAll(':scope > .line')].indexOf(line) + 1 || undefined;
}

customElements.define('code-tabs', CodeTabs);
