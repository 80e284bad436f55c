// Astro writes the directive "use astro:head-inject" at the top of the module it generates for
// each rendered MDX entry (`index.mdx?astroPropagatedAssets`, in
// astro/dist/content/vite-plugin-content-assets.js). Nothing reads it back (head propagation goes
// through that module's `__astroPropagation` export), and Rolldown drops every directive but
// "use strict" when it bundles, so the output is the same either way. Rolldown still warns about
// each one: a 10-line block with ANSI art per lesson, eight of them before `npm start` printed the
// lab's address (Astro 7.3.5, Vite 8.3.8). Upstream: withastro/astro#18087.
// This plugin drops that one warning and lets every other log through, other directives included.
import type { Plugin } from 'vite';

/** The directive Astro adds; a change here means Astro changed what it writes. */
export const ASTRO_HEAD_INJECT = 'use astro:head-inject';

/** Whether a Rolldown log is the warning about Astro's own head-inject directive. */
export function isAstroDirectiveWarning(log: { code?: string; message: string }): boolean {
  return log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes(`"${ASTRO_HEAD_INJECT}"`);
}

export function quietAstroDirective(): Plugin {
  return {
    name: 'keep-alive-lab:quiet-astro-directive',
    // Returning false drops the log; anything else passes it on to Vite's logger.
    onLog(level, log) {
      if (level === 'warn' && isAstroDirectiveWarning(log)) return false;
      return undefined;
    },
  };
}
