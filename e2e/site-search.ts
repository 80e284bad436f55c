// Searching the lab as a reader does: the search page's box, its button, and the count it announces.
import { expect, type Page } from '@playwright/test';

export async function searchFor(page: Page, query: string) {
  await page.getByRole('searchbox', { name: 'Search the lessons and the reference' }).fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`\\d+ results? for “${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
}
