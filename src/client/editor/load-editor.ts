// The editor's module, loaded once per visit: by the first click into code, by Solve's diff, or
// ahead of both on a sign that the learner is about to edit (edit-intent.ts). Soft navigation
// keeps it, so the next lesson's editor mounts from code the page has already run.
export type EditorModule = typeof import('./mount-editor.ts');

/**
 * Performance marks of the editor's start, for a browser's performance panel and for
 * e2e/editor-ahead.spec.ts (which checks that the dwell fetched it no sooner than it should).
 */
export const EDITOR_MARKS = { requested: 'lab:editor-requested', loaded: 'lab:editor-loaded', mounted: 'lab:editor-mounted' } as const;

let loading: Promise<EditorModule> | undefined;
let loaded = false;

/** Whether the editor's code has run already (fetched ahead, or an earlier lesson's editor). */
export function editorModuleLoaded(): boolean {
  return loaded;
}

export function loadEditorModule(): Promise<EditorModule> {
  if (!loading) {
    performance.mark(EDITOR_MARKS.requested);
    loading = import('./mount-editor.ts').then(
      (module) => {
        performance.mark(EDITOR_MARKS.loaded);
        loaded = true;
        return module;
      },
      (error: unknown) => {
        // A failed download (offline for a moment) may succeed on the next click.
        loading = undefined;
        throw error;
      },
    );
  }
  return loading;
}

/**
 * Loads the editor ahead of a click, then, at an idle moment, lets `prepare` do with it what
 * can be done before the click. A failure here is only a missed head start: the click tries again.
 */
export function fetchEditorAhead(prepare: (module: EditorModule) => void): void {
  loadEditorModule().then(
    (module) => {
      if ('requestIdleCallback' in window) requestIdleCallback(() => prepare(module), { timeout: 1_000 });
      else setTimeout(() => prepare(module), 0);
    },
    () => undefined,
  );
}
