// The deploy's address, from the environment at build: SITE_URL (the absolute URL the site is
// served from, which link previews, canonical URLs and the sitemap need) and BASE_PATH (the path
// under it, e.g. /keep-alive-lab/ for a GitHub Pages project site). Both are optional: a build
// without them is served at `/` and has no absolute URLs.

export interface SiteConfig {
  /** The origin pages are served from (the path goes to `base`); undefined if unset. */
  site: string | undefined;
  /** Always starts and ends with "/". */
  base: string;
}

export function siteConfigFrom(env: Record<string, string | undefined>): SiteConfig {
  const base = normaliseBase(env.BASE_PATH);
  const raw = env.SITE_URL?.trim();
  if (!raw) return { site: undefined, base };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://you.github.io/keep-alive-lab/, got "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must start with https:// (or http://), got "${raw}".`);
  if (url.search || url.hash) throw new Error(`SITE_URL must be a plain address without ?query or #fragment, got "${raw}".`);
  // GitHub Pages users often give the project URL, path included; the path must then be the base.
  const path = normaliseBase(url.pathname);
  if (path !== '/' && base !== '/' && path !== base) {
    throw new Error(`SITE_URL's path (${path}) and BASE_PATH (${base}) differ. Give the path in one of them, or the same in both: SITE_URL=https://you.github.io/ BASE_PATH=${path}`);
  }
  return { site: url.origin, base: path === '/' ? base : path };
}

function normaliseBase(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  if (/[?#\s\\]/.test(trimmed) || trimmed.includes('..')) throw new Error(`BASE_PATH must be a plain path such as /keep-alive-lab/, got "${value}".`);
  const inner = trimmed.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}
