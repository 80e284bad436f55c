// The room board's page where there is no room: on a static host (the deploy build under its base
// path) and under `npm start` on loopback (playwright.config.ts serves both). It says how to get
// a board rather than breaking, and stays out of search engines. The board in room mode, from a
// learner's laptop, is e2e/room-mode.spec.ts.
import { expect, test } from '@playwright/test';
import { DEPLOY_BUILD, STATIC_HOST_PORT } from '../test/helpers/deploy-build.ts';

const places = [
  ['a static host', `http://localhost:${STATIC_HOST_PORT}${DEPLOY_BUILD.base}room/`],
  ['npm start without room mode', '/room/'],
] as const;

for (const [where, address] of places) {
  test(`on ${where}, the room board says it needs the lab in room mode`, async ({ page }) => {
    const response = await page.goto(address);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Room board' })).toBeVisible();
    await expect(page.getByText('The room board needs the lab running in room mode.')).toBeVisible();
    await expect(page.getByText('npm start -- --host 0.0.0.0').first()).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    await expect(page.getByRole('img', { name: 'QR code of the address learners open' })).toBeHidden();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  });
}
