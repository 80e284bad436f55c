// Orders search results by section, exact phrases first. Pagefind ranks pages by how often they
// hold each word of a query, so "socket hang up" also brought sections that say only "up"; a
// reader pasting an error message wants the section that holds the message itself.

/** What Pagefind's result.data() gives, as far as ranking needs it. */
export interface PagefindPage {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: { title: string; url: string; excerpt: string }[];
}

export interface SearchHit {
  url: string;
  /** The page's title, and the section's after it when the hit is a section below the top. */
  title: string;
  /** HTML from Pagefind: escaped text with <mark> around the matches. */
  excerpt: string;
}

/** Words as the reader sees them: lower case, punctuation and quotes dropped. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

/** An excerpt's text: Pagefind's <mark> tags and HTML entities dropped. */
function excerptText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&[#\w]+;/g, ' ');
}

/** 0: holds the query as a phrase; 1: holds each of its words; 2: holds some of them. */
function tier(query: string[], excerpt: string): number {
  const text = words(excerptText(excerpt));
  const phrase = ` ${query.join(' ')} `;
  if (` ${text.join(' ')} `.includes(phrase)) return 0;
  return query.every((word) => text.includes(word)) ? 1 : 2;
}

/** Sections shown from any one page, so that one long page cannot crowd out the others. */
const SECTIONS_PER_PAGE = 3;

/** One hit per section of the pages Pagefind found, those with the exact phrase first. */
export function rankSections(query: string, pages: PagefindPage[], limit = 10): SearchHit[] {
  const asked = words(query);
  const sections = pages.flatMap((page) => {
    const pageTitle = page.meta.title ?? page.url;
    const subs = page.sub_results?.length ? page.sub_results : [{ title: pageTitle, url: page.url, excerpt: page.excerpt }];
    return subs.map((sub) => ({
      page: page.url,
      url: sub.url,
      title: sub.title === pageTitle ? pageTitle : `${pageTitle} › ${sub.title}`,
      excerpt: sub.excerpt,
      tier: tier(asked, sub.excerpt),
    }));
  });
  // A stable sort: within a tier, Pagefind's own order (pages by relevance, sections in page order).
  const shownFrom = new Map<string, number>();
  return sections
    .sort((a, b) => a.tier - b.tier)
    .filter(({ page }) => {
      const shown = (shownFrom.get(page) ?? 0) + 1;
      shownFrom.set(page, shown);
      return shown <= SECTIONS_PER_PAGE;
    })
    .slice(0, limit)
    .map(({ url, title, excerpt }) => ({ url, title, excerpt }));
}
