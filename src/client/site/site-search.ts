// A thin wrapper over Pagefind's browser API. Its bundle is generated into dist/pagefind/ after
// the Astro build, so it is imported at run time from that URL, not bundled.
import { sitePath } from '../../run/site-path.ts';

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}

interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] }>;
}

let pagefind: Promise<Pagefind> | undefined;

export interface SearchHit {
  url: string;
  title: string;
  /** HTML from Pagefind: escaped text with <mark> around the matches. */
  excerpt: string;
}

export async function search(query: string, limit = 10): Promise<SearchHit[]> {
  pagefind ??= import(/* @vite-ignore */ sitePath('pagefind/pagefind.js')) as Promise<Pagefind>;
  const { results } = await (await pagefind).search(query);
  const data = await Promise.all(results.slice(0, limit).map((result) => result.data()));
  // Under a base path the URLs carry it already: Pagefind takes its base from where its bundle is served.
  return data.map((item) => ({ url: item.url, title: item.meta.title ?? item.url, excerpt: item.excerpt }));
}
