// Adds the verification kit's harness page (tools/verify-webcontainer/harness/) to the build only
// when the kit builds (KAL_VERIFY_HARNESS=1), so the deploy never ships it. The kit's build also
// gets its own cache folder, so it does not share Astro's content store with a normal build
// running at the same time. Here, not in test/, because astro.config.mjs imports it.
import type { AstroIntegration } from 'astro';

export const HARNESS_ENV = 'KAL_VERIFY_HARNESS';
export const HARNESS_PATH = '/verify-webcontainer-harness/';

export function verifyHarness(): AstroIntegration {
  return {
    name: 'keep-alive-lab:verify-harness',
    hooks: {
      'astro:config:setup': ({ config, injectRoute, updateConfig }) => {
        if (process.env[HARNESS_ENV] !== '1') return;
        injectRoute({ pattern: HARNESS_PATH, entrypoint: 'tools/verify-webcontainer/harness/harness.astro', prerender: true });
        updateConfig({ cacheDir: new URL('verify-report/astro-cache/', config.root) });
      },
    },
  };
}
