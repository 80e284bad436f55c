// Writes dist/.built-at after every successful build, so `npm start` can tell whether the
// sources changed since (see src/runner/start.ts).
import { writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

export const BUILD_STAMP = '.built-at';

export function buildStamp(): AstroIntegration {
  return {
    name: 'keep-alive-lab:build-stamp',
    hooks: {
      'astro:build:done': ({ dir }) => {
        writeFileSync(new URL(BUILD_STAMP, dir), new Date().toISOString());
      },
    },
  };
}
