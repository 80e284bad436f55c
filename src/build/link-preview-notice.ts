// A build without SITE_URL works, but link previews, canonical URLs and the sitemap all need the
// site's absolute address; say so once per build rather than on every page.
import type { AstroIntegration } from 'astro';

export function linkPreviewNotice(): AstroIntegration {
  return {
    name: 'keep-alive-lab:link-preview-notice',
    hooks: {
      'astro:build:done': ({ logger }) => {
        logger.info('SITE_URL is not set: pages carry no canonical URL, link-preview image (og:image) or sitemap, which need the absolute address. For a deploy, build with SITE_URL=https://your.host/ (README, "Deploying the static site").');
      },
    },
  };
}
