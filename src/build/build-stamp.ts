// Writes dist/.built-at after every successful build, so `npm start` can tell whether the
// sources changed since (see src/runner/start.ts), and which base path the build is for: the
// runner serves the lab at `/`, so a BASE_PATH build in dist/ must be built again before it.
import { writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

export const BUILD_STAMP = '.built-at';

export interface BuildStamp {
  builtAt: string;
  base: string;
}

/** The stamp's base path; stamps from before it was recorded were all built for `/`. */
export function stampedBase(text: string): string {
  try {
    const stamp = JSON.parse(text) as Partial<BuildStamp>;
    return typeof stamp.base === 'string' ? stamp.base : '/';
  } catch {
    return '/';
  }
}

export function buildStamp(): AstroIntegration {
  let base = '/';
  return {
    name: 'keep-alive-lab:build-stamp',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir }) => {
        const stamp: BuildStamp = { builtAt: new Date().toISOString(), base };
        writeFileSync(new URL(BUILD_STAMP, dir), `${JSON.stringify(stamp)}\n`);
      },
    },
  };
}
