// The test deploy: the site built as a GitHub Pages project site would be, under a base path and
// with SITE_URL, into dist-base/ (dist/ stays the `npm start` build). `npm test` builds it with
// `npm run build:base`; test/site/deploy-build.test.ts, e2e/base-path.spec.ts and the budgets use it.
export const DEPLOY_BUILD = {
  dir: new URL('../../dist-base/', import.meta.url).pathname,
  base: '/keep-alive-lab/',
  site: 'https://lab.example.test',
} as const;

/** Where the e2e tests serve the deploy build with no headers (playwright.config.ts). */
export const STATIC_HOST_PORT = Number(process.env.E2E_STATIC_PORT ?? Number(process.env.E2E_PORT ?? 4391) + 1);
