// <code-tabs>'s hand-off from the static code to the editor, in a real browser: keys typed
// before the editor arrives, Undo in the editor across the hand-off, and the second file opened
// as an editor at once. The page is the built lesson page's own <code-tabs> markup, its script
// is src/client/workspace/code-tabs.ts bundled as the site bundles it, and the editor module is
// test/fakes/fake-editor.ts (a <textarea> with the history Monaco keeps), which arrives when the
// test says: what is tested is code-tabs, editor-swap, static-code and quick-edit, not Monaco
// (e2e/editor-swap.spec.ts and e2e/typing-before-editor.spec.ts do the same with Monaco).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';

const root = new URL('../../../', import.meta.url).pathname;
const LESSON_PAGE = join(root, 'dist/lessons/the-leak/index.html');
const ORIGIN = 'http://code-tabs.test';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

let browser: Browser;
let bundle: string;
let markup: string;

before(async () => {
  assert.ok(existsSync(LESSON_PAGE), 'dist/ holds no build: run `npm run build` (npm test builds before it runs this).');
  markup = /<code-tabs[\s\S]*<\/code-tabs>/.exec(readFileSync(LESSON_PAGE, 'utf8'))?.[0] ?? '';
  assert.ok(markup, `${LESSON_PAGE} has no <code-tabs>`);
  bundle = mkdtempSync(join(tmpdir(), 'code-tabs-'));
  await build({
    entryPoints: [join(root, 'test/client/workspace/code-tabs.page.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: bundle,
    logLevel: 'silent',
    plugins: [
      {
        name: 'fake-editor',
        setup(esbuild) {
          esbuild.onResolve({ filter: /\/mount-editor\.ts$/ }, () => ({ path: join(root, 'test/fakes/fake-editor-arrival.ts') }));
        },
      },
    ],
  });
  browser = await chromium.launch(executablePath ? { executablePath } : {});
});

after(async () => {
  await browser?.close();
  if (bundle) rmSync(bundle, { recursive: true, force: true });
});

/** A page with the lesson's <code-tabs>, its script loaded, and nothing else. */
async function openCodeTabs(): Promise<Page> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body>${markup}<script type="module" src="/code-tabs.page.js"></script></body></html>` });
    const file = join(bundle, path);
    if (!existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => customElements.get('code-tabs') !== undefined);
  return page;
}

const staticLine = (page: Page, file: string, text: string) =>
  page.locator(`[role="tabpanel"][data-file="${file}"] [data-static-code] .line`, { hasText: text });
const editorFor = (page: Page, file: string) => page.getByRole('textbox', { name: `${file}, editable` });
const editors = (page: Page) => page.evaluate(() => window.editors);

describe('<code-tabs> hands the static code over to the editor', () => {
  it('keys typed before the editor arrives show in the code at once, and the editor starts with them, caret and all', async () => {
    const page = await openCodeTabs();
    await staticLine(page, 'client.js', 'We only need the status code').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (early)');
    await assert.doesNotReject(staticLine(page, 'client.js', 'never read. (early)').waitFor({ timeout: 5_000 }));
    assert.deepEqual(await editors(page), [], 'no editor before its module arrives');

    await page.waitForFunction(() => typeof window.releaseEditor === 'function');
    await page.evaluate(() => window.releaseEditor());
    await editorFor(page, 'client.js').waitFor({ timeout: 10_000 });
    const [made] = await editors(page);
    assert.ok(made);
    assert.doesNotMatch(made.madeWith, /\(early\)/, 'the editor is made with the text before the early typing');
    assert.match(made.typedBefore ?? '', /never read\. \(early\)/, 'and takes the early typing as one step');
    const typedEnd = (made.typedBefore ?? '').indexOf('(early)') + '(early)'.length;
    assert.deepEqual(made.focusedAt, { anchor: typedEnd, focus: typedEnd }, 'the caret is where the typing left it');
    // The next key goes on from there, in the editor.
    await page.keyboard.type('!');
    assert.match(await editorFor(page, 'client.js').inputValue(), /never read\. \(early\)!/);
    await page.close();
  });

  it('Undo in the editor takes back what was typed before it, as one step', async () => {
    const page = await openCodeTabs();
    const starter = await page.evaluate(() => document.querySelector('[data-file="client.js"] [data-static-code] code')?.textContent ?? '');
    await staticLine(page, 'client.js', 'We only need the status code').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' typed early');
    await staticLine(page, 'client.js', 'typed early').waitFor({ timeout: 5_000 });
    await page.waitForFunction(() => typeof window.releaseEditor === 'function');
    await page.evaluate(() => window.releaseEditor());
    const editor = editorFor(page, 'client.js');
    await editor.waitFor({ timeout: 10_000 });
    assert.match(await editor.inputValue(), /typed early/);
    await page.keyboard.press('Control+z');
    assert.equal(await editor.inputValue(), starter);
    await page.close();
  });

  it('once editing, the second file opens as an editor at once, with its own text, and edits of both are kept', async () => {
    const page = await openCodeTabs();
    await staticLine(page, 'client.js', 'We only need the status code').click();
    await page.waitForFunction(() => typeof window.releaseEditor === 'function');
    await page.evaluate(() => window.releaseEditor());
    await editorFor(page, 'client.js').waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: 'server.js' }).click();
    const server = editorFor(page, 'server.js');
    await server.waitFor({ timeout: 10_000 });
    const made = await editors(page);
    assert.deepEqual(made.map((editor) => editor.file), ['client.js', 'server.js']);
    assert.match(made[1]?.madeWith ?? '', /createServer/, 'the server editor has server.js, not client.js');
    await server.focus();
    await page.keyboard.type('x');
    const files = await page.evaluate(() => (document.querySelector('code-tabs') as unknown as { files(): { name: string; content: string }[] }).files());
    assert.ok(files.find((file) => file.name === 'server.js')?.content.includes('x'), 'the edit reaches the files Run sends');
    assert.ok(!files.find((file) => file.name === 'client.js')?.content.startsWith('x'));
    await page.close();
  });
});
