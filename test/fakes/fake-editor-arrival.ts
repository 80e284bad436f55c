// Stands where src/client/editor/mount-editor.ts is imported in test/client/workspace/code-tabs.test.ts:
// the fake editor, arriving only when the test calls window.releaseEditor(), as Monaco arrives
// over a slow network while the learner types.
declare global {
  interface Window {
    releaseEditor(): void;
  }
}

await new Promise<void>((resolve) => (window.releaseEditor = resolve));

export * from './fake-editor.ts';
