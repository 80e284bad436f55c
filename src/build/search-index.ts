// Builds the Pagefind search index into dist/pagefind/ at the end of every `astro build`, so
// `npm start`, `npm run build` and static deploys all ship search, and it works offline.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { createIndex } from 'pagefind';

export function searchIndex(): AstroIntegration {
  return {
    name: 'keep-alive-lab:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await createIndex();
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
        await index.writeFiles({ outputPath: `${site}/pagefind` });
        await index.deleteIndex();
        logger.info(`Search index: ${added.page_count} pages.`);
      },
    },
  };
}
