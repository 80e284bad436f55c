// robots.txt, with the sitemap's absolute address when the build knows the site's (SITE_URL).
import type { APIRoute } from 'astro';
import { sitePath } from '../run/site-path.ts';

export const GET: APIRoute = ({ site }) => {
  const lines = ['User-agent: *', 'Allow: /'];
  if (site) lines.push('', `Sitemap: ${new URL(sitePath('sitemap-index.xml'), site).href}`);
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
