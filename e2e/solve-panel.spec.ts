// The Solve panel at two widths: its words describe the diff it shows (side by side where the
// workspace is wide, inline where it is not), and the change is scrolled into the middle of the
// box rather than left at its bottom edge.
import { expect, test } from '@playwright/test';

const SIDE_BY_SIDE = 'Your code is on the left, the solution on the right.';
const INLINE = 'Lines marked − (in red) are your code, lines marked + (in green) the solution’s';

const widths = [
  { width: 2200, layout: 'side by side', says: SIDE_BY_SIDE, never: INLINE },
  { width: 1280, layout: 'inline', says: INLINE, never: SIDE_BY_SIDE },
] as const;

for (const { width, layout, says, never } of widths) {
  test(`at ${width} px wide the Solve panel says its diff is ${layout}, as it is, and shows the change`, async ({ page }) => {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto('/lessons/the-leak/');
    await page.getByRole('button', { name: 'Solve', exact: true }).click();
    const panel = page.getByRole('region', { name: 'The solution, compared with your code' });
    await expect(panel).toContainText(says);
    await expect(panel).not.toContainText(never);

    // What the diff shows: your code in a column of its own (about half the box) only side by side.
    const diff = panel.locator('.solve-diff');
    const yourColumnShare = async () => ((await diff.locator('.editor.original').boundingBox())?.width ?? 0) / (await diff.boundingBox())!.width;
    if (layout === 'side by side') await expect.poll(yourColumnShare).toBeGreaterThan(0.4);
    else await expect.poll(yourColumnShare).toBeLessThan(0.2);

    // The solution's new line is in the middle of the box, not at its edge.
    const changed = diff.locator('.editor.modified .view-line', { hasText: "res.on('end', () => resolve(res.statusCode));" });
    await expect(changed).toBeVisible();
    await expect
      .poll(async () => {
        const box = (await diff.boundingBox())!;
        const line = (await changed.boundingBox())!;
        const middle = line.y + line.height / 2 - box.y;
        return middle > box.height * 0.25 && middle < box.height * 0.75;
      }, { message: 'the changed line sits in the middle half of the diff box' })
      .toBe(true);
  });
}
