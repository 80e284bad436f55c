/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /**
     * The page a lesson is rendered from, for the components in its MDX (components/mdx/Claimed.astro):
     * MDX components get only the props an author writes, so the page object reaches them here.
     */
    lessonPage?: import('./lessons/lesson-page.ts').LessonPage;
  }
}

/** Monaco's switch for what Tab does (Ctrl+M), which its package ships without types. */
declare module 'monaco-editor/editor/browser/config/tabFocus.js' {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    onDidChangeTabFocus(listener: (on: boolean) => void): { dispose(): void };
  };
}
