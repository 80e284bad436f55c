/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by a lesson page for the components in its MDX (see components/mdx/Claimed.astro). */
    lesson?: {
      claims: import('./schemas/lesson.ts').Claim[];
      recordings: Record<'starter' | 'solution', import('./lessons/recordings.ts').Recording>;
    };
  }
}
