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
