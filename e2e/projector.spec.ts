// A 1280x720 projector, read from the back of a room: in presenter view, every line of every
// lesson's files shows in full (long lines wrap, none is cut off or scrolled away), the code is
// at least 18 px, and the output is still on screen; after a run of each lesson's starter, the
// output's last lines, the meter's four figures and the lesson's key line are all on screen, in
// text the back row can read.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Locator, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const folders = readdirSync('content/lessons', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const slugs = folders.map((folder) => folder.replace(/^\d+-/, ''));

/** The line a lesson says it is about, read from its frontmatter as an author wrote it. */
function keyLineOf(folder: string): { file: string; text: string } {
  const found = /^keyLine: \{ file: (\S+), text: '(.*)' \}$/m.exec(readFileSync(`content/lessons/${folder}/index.mdx`, 'utf8'));
  if (!found?.[1] || found[2] === undefined) throw new Error(`content/lessons/${folder}/index.mdx has no keyLine`);
  return { file: found[1], text: found[2].replaceAll("''", "'") };
}

const SCREEN = { width: 1280, height: 720 };
const READABLE = 18;

/** Where `element` is on screen and how big its text is. */
async function placed(element: Locator) {
  return element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, fontSize: parseFloat(getComputedStyle(node).fontSize) };
  });
}

test.use({ viewport: SCREEN });

for (const slug of slugs) {
  test(`${slug}: both files fit the projector, with the output on screen`, async ({ page }) => {
    const lesson = new LessonPage(page);
    await page.goto(`/lessons/${slug}/?present`);
    for (const file of ['server.js', 'client.js']) {
      await lesson.fileTab(file).click();
      const code = lesson.staticCode(file);
      await expect(code).toBeVisible();
      const fit = await code.evaluate((pre) => {
        const box = pre.getBoundingClientRect();
        const lines = [...pre.querySelectorAll('.line')];
        return {
          scrollWidth: pre.scrollWidth,
          clientWidth: pre.clientWidth,
          rightmost: Math.max(...lines.map((line) => line.getBoundingClientRect().right)),
          right: box.right,
          fontSize: Math.min(...lines.map((line) => parseFloat(getComputedStyle(line).fontSize))),
          lines: lines.length,
        };
      });
      expect(fit.lines, `${file} has lines`).toBeGreaterThan(5);
      expect(fit.scrollWidth, `${file} scrolls sideways`).toBeLessThanOrEqual(fit.clientWidth);
      expect(fit.rightmost, `a line of ${file} runs past the code's edge`).toBeLessThanOrEqual(fit.right + 0.5);
      expect(fit.fontSize, `${file} code size`).toBeGreaterThanOrEqual(18);
    }
    const output = await lesson.output.boundingBox();
    expect(output, 'the output panel').not.toBeNull();
    expect(output!.y + output!.height, 'the output panel ends on screen').toBeLessThanOrEqual(720);
  });
}

test('in the editor too, the pool limit stays in view on the projector', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('/lessons/pool-limits/?present');
  await lesson.staticCode('client.js').locator('.line', { hasText: 'new http.Agent' }).click();
  await expect(lesson.editor('client.js')).toBeFocused();
  const editor = page.locator('.monaco-editor').filter({ has: lesson.editor('client.js') });
  await expect(editor.locator('.view-line', { hasText: /maxSockets/ })).toBeVisible();
  // Every piece of text the editor draws ends inside it: long lines wrap instead.
  const cut = await editor.evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    return [...root.querySelectorAll('.view-line span span')].filter((span) => span.getBoundingClientRect().right > right + 0.5).map((span) => span.textContent);
  });
  expect(cut, 'text past the editor’s right edge').toEqual([]);
});


for (const folder of folders) {
  const slug = folder.replace(/^\d+-/, '');
  test(`${slug}: after a run, the output's last lines, the four figures and the key line are on the projector`, async ({ page }) => {
    const lesson = new LessonPage(page);
    const keyLine = keyLineOf(folder);
    await page.goto(`/lessons/${slug}/?present`);
    await lesson.run();
    await lesson.runEnded();
    // Let the last samples and lines land, and any layout they cause settle.
    await page.waitForTimeout(500);

    const output = await lesson.output.evaluate((pre) => {
      const box = pre.getBoundingClientRect();
      // The last line of text the output holds, measured where the browser drew it.
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT) });
      let last: Node | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node;
      const range = document.createRange();
      if (last) range.selectNodeContents(last);
      const rects = [...range.getClientRects()];
      const line = rects.at(-1);
      return {
        top: box.top,
        bottom: box.bottom,
        fontSize: parseFloat(getComputedStyle(pre).fontSize),
        lastText: last?.textContent?.trim().split('\n').at(-1) ?? '',
        lastTop: line?.top ?? -1,
        lastBottom: line?.bottom ?? Infinity,
      };
    });
    expect(output.lastText, 'the output holds something').not.toBe('');
    expect(output.bottom, 'the output panel ends on screen').toBeLessThanOrEqual(SCREEN.height);
    expect(output.lastBottom, `the output's last line ("${output.lastText}") is inside the panel`).toBeLessThanOrEqual(output.bottom + 1);
    expect(output.lastTop, `the output's last line ("${output.lastText}") is inside the panel`).toBeGreaterThanOrEqual(output.top - 1);
    expect(output.fontSize, 'output text size').toBeGreaterThanOrEqual(READABLE);

    for (const name of ['Open connections', 'Connections accepted', 'Requests', 'Requests per connection'] as const) {
      const figure = await placed(lesson.figure(name));
      expect(figure.bottom, `${name} ends on screen`).toBeLessThanOrEqual(SCREEN.height);
      expect(figure.right, `${name} ends on screen`).toBeLessThanOrEqual(SCREEN.width);
      expect(figure.top, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(figure.fontSize, `${name} size`).toBeGreaterThanOrEqual(READABLE);
      const label = await placed(page.locator('socket-meter label', { hasText: new RegExp(`^${name}$`) }));
      expect(label.fontSize, `${name}'s label size`).toBeGreaterThanOrEqual(READABLE);
      expect(label.bottom, `${name}'s label ends on screen`).toBeLessThanOrEqual(SCREEN.height);
    }
    const peak = await placed(page.locator('socket-meter [data-peak]'));
    expect(peak.fontSize, 'the peak’s size').toBeGreaterThanOrEqual(READABLE);
    expect(peak.bottom, 'the peak ends on screen').toBeLessThanOrEqual(SCREEN.height);
    expect((await placed(lesson.runStatus)).fontSize, 'run status size').toBeGreaterThanOrEqual(READABLE);

    await expect(lesson.fileTab(keyLine.file)).toHaveAttribute('aria-selected', 'true');
    const code = lesson.staticCode(keyLine.file);
    const line = code.locator('.line', { hasText: keyLine.text });
    await expect(line, 'the key line is marked').toHaveClass(/key-line/);
    const box = await placed(code);
    const key = await placed(line);
    expect(key.top, `"${keyLine.text}" is scrolled into the code box`).toBeGreaterThanOrEqual(box.top);
    expect(key.bottom, `"${keyLine.text}" is scrolled into the code box`).toBeLessThanOrEqual(box.bottom);
    expect(key.bottom, `"${keyLine.text}" is on screen`).toBeLessThanOrEqual(SCREEN.height);
  });
}

test('the editor, too, scrolls to the key line and marks it when presenter view starts', async ({ page }) => {
  const lesson = new LessonPage(page);
  const keyLine = keyLineOf('07-finding-leaks');
  await page.goto('/lessons/finding-leaks/');
  await lesson.staticCode('client.js').locator('.line').first().click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await page.getByRole('button', { name: 'Presenter view' }).click();
  const editor = page.locator('.monaco-editor').filter({ has: lesson.editor('client.js') });
  const line = editor.locator('.view-line', { hasText: keyLine.text });
  await expect(line).toBeVisible();
  const [box, key] = [await placed(editor), await placed(line)];
  expect(key.top, 'the key line is inside the editor').toBeGreaterThanOrEqual(box.top);
  expect(key.bottom, 'the key line is inside the editor').toBeLessThanOrEqual(Math.min(box.bottom, SCREEN.height));
  await expect(editor.locator('.key-line'), 'the key line is marked').toHaveCount(1);
});
