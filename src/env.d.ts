/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by a lesson page for the components in its MDX (see components/mdx/Claimed.astro). */
    lesson?: {
      claims: import('./schemas/lesson.ts').Claim[];
      /** Recorded runs by variant: starter, solution, and any other a claim names. */
      recordings: Record<string, import('./lessons/recordings.ts').Recording>;
    };
  }
}
