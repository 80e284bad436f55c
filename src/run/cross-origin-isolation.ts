// WebContainer needs SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
// Every page and asset of the lab is served with these headers: by `npm start` (src/runner),
// by `astro dev` and `astro preview` (astro.config.mjs), and by static hosts through
// public/_headers (Netlify, Cloudflare Pages) and vercel.json; a test keeps those files in step.
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
