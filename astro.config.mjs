// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { quietAstroDirective } from './src/build/astro-directive-warning.ts';
import { buildStamp } from './src/build/build-stamp.ts';
import { monacoChunks } from './src/build/monaco-chunks.ts';
import { monacoSlim } from './src/build/monaco-slim.ts';
import { monacoStylesOnDemand } from './src/build/monaco-styles-on-demand.ts';
import { searchIndex } from './src/build/search-index.ts';
import { ISOLATION_HEADERS } from './src/run/cross-origin-isolation.ts';
import { verifyHarness } from './src/build/verify-harness.ts';
import { linkPreviewNotice } from './src/build/link-preview-notice.ts';
import { siteConfigFrom } from './src/build/site-config.ts';

// SITE_URL and BASE_PATH: where the deploy is served (README, "Deploying the static site").
const { site, base } = siteConfigFrom(process.env);
// One id per build, for the isolation service worker's address (see BaseLayout.astro), so each
// deploy installs its own worker. Set here, before Astro loads the pages, which read it.
process.env.KAL_BUILD_ID ??= Date.now().toString(36);

export default defineConfig({
  // The stamp goes last: a build is complete only once the search index is written. The harness
  // adds a page only to `npm run verify:webcontainer`'s own build (KAL_VERIFY_HARNESS=1).
  ...(site ? { site } : {}),
  base,
  // The sitemap needs absolute URLs: without SITE_URL the notice says so, once. It leaves out the
  // pages no one should find by search: the 404, the harness, the instructor's room board.
  integrations: [mdx(), verifyHarness(), ...(site ? [sitemap({ filter: (page) => !/\/(404|verify-webcontainer-harness|room)\/?$/.test(page) })] : [linkPreviewNotice()]), searchIndex(), buildStamp()],
  trailingSlash: 'ignore',
  // HTML's whitespace rules, not JSX's (Astro 7's default, "jsx"), which drops a line break between
  // text and an inline element with the space it stands for: "<code>fetch</code>\nand Go's" became
  // "fetchand Go's". With true, runs of whitespace still shrink to one, and a sentence may wrap anywhere.
  compressHTML: true,
  // `astro dev` and `astro preview` serve every response cross-origin isolated, as `npm start` does.
  server: { headers: { ...ISOLATION_HEADERS } },
  build: { format: 'directory' },
  markdown: {
    // VS Code's Light+ and Dark+ colours, which Monaco's "vs" and "vs-dark" themes share, so the
    // static code and the editor that replaces it look the same in either theme.
    shikiConfig: { themes: { light: 'light-plus', dark: 'dark-plus' }, defaultColor: false },
  },
  vite: {
    // quietAstroDirective: Astro's own directive warning, once per lesson (see the plugin).
    // monacoChunks: Monaco's layers in chunks of their own, parsed in parallel (see the plugin).
    plugins: [monacoSlim(), monacoChunks(), monacoStylesOnDemand(), quietAstroDirective()],
    // The TypeScript worker is built on its own; it needs the slimmed lib files too.
    worker: { format: 'es', plugins: () => [monacoSlim()] },
  },
});
