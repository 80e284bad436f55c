// A thin wrapper over Pagefind's browser API. Its bundle is generated into dist/pagefind/ after
// the Astro build, so it is imported at run time from that URL, not bundled.
import { sitePath } from '../../run/site-path.ts';
import { rankSections, type PagefindPage, type SearchHit } from './search-ranking.ts';

export type { SearchHit } from './search-ranking.ts';

interface PagefindResult {
  data(): Promise<PagefindPage>;
}

interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] }>;
}

let pagefind: Promise<Pagefind> | undefined;

/** Pages Pagefind ranks highest whose sections are ranked again, exact phrases first. */
const PAGES_LOOKED_AT = 12;

export async function search(query: string, limit = 10): Promise<SearchHit[]> {
  pagefind ??= import(/* @vite-ignore */ sitePath('pagefind/pagefind.js')) as Promise<Pagefind>;
  const { results } = await (await pagefind).search(query);
  const pages = await Promise.all(results.slice(0, PAGES_LOOKED_AT).map((result) => result.data()));
  // Under a base path the URLs carry it already: Pagefind takes its base from where its bundle is served.
  return rankSections(query, pages, limit);
}
