import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { DEPLOY_BUILD, STATIC_HOST_PORT } from './test/helpers/deploy-build.ts';

// $CHROMIUM_PATH, else Debian's chromium, else Playwright's own browser (if installed).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.E2E_PORT ?? 4391);

export default defineConfig({
  testDir: 'e2e',
  // One lab server, one runner: tests that run lessons take turns, as on a learner's machine.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // No background requests to Google's hosts: this machine and CI have no network.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The built site with the real local runner, as `npm start` serves it (it rebuilds only if stale).
  webServer: [
    {
      command: `node src/runner/start.ts --port ${port}`,
      url: `http://localhost:${port}/api/runner`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    // GitHub Pages as a learner meets it: a project site under its base path, no COOP or COEP.
    {
      command: `node tools/serve-build.ts --dir ${DEPLOY_BUILD.dir} --base ${DEPLOY_BUILD.base} --port ${STATIC_HOST_PORT}`,
      url: `http://localhost:${STATIC_HOST_PORT}${DEPLOY_BUILD.base}`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
