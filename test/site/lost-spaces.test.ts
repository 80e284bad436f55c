// A line break in a page's source between text and an inline element is a space to the reader.
// Astro 7's default whitespace rules (compressHTML "jsx") dropped it with the line break: "<code>fetch</code>
// \n and Go's" was built as "fetchand Go's", "with\n<a>presenter view</a>" as "withpresenter view".
// This reads every .astro template, finds each line break that sits between two words on screen,
// and checks the built site (dist/, from `npm run build`) shows those two words apart.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const INLINE = 'a|abbr|b|code|em|i|kbd|mark|output|small|span|strong|time';
/** A line that ends on screen with a word, or with an inline element's end tag after one. */
const ENDS_INLINE = new RegExp(`(?:[\\p{L}\\p{N},.;:!?)’"]|</(?:${INLINE})>)$`, 'u');
/** A line that starts on screen with a word, or with an inline element around one. */
const STARTS_INLINE = new RegExp(`^(?:[\\p{L}\\p{N}(“"]|<(?:${INLINE})[\\s>])`, 'u');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8', withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Text as a reader sees it: tags gone, the few entities the build writes decoded, spaces as one. */
function visible(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** The word a line shows last and the word the next shows first, where the break between them is text. */
function wordsAcrossBreaks(source: string): { line: number; before: string; after: string }[] {
  // The template only: after the frontmatter, without <style> and <script> blocks.
  const template = source.replace(/^---\n[\s\S]*?\n---\n/, (frontmatter) => '\n'.repeat(frontmatter.split('\n').length - 1));
  const lines = template
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, (block) => '\n'.repeat(block.split('\n').length - 1))
    .split('\n')
    .map((line) => line.trim());
  return lines.flatMap((line, index) => {
    const next = lines[index + 1] ?? '';
    if (!ENDS_INLINE.test(line) || !STARTS_INLINE.test(next)) return [];
    const before = line.replace(/<[^>]*>/g, '').split(/\s+/).at(-1) ?? '';
    const after = next.replace(/<[^>]*>/g, '').split(/\s+/)[0] ?? '';
    // Words from expressions are known only once built; the check is about the source's own words.
    if (!before || !after || /[{}<>=]/.test(before + after)) return [];
    return [{ line: index + 1, before, after }];
  });
}

test('every line break between words in a template is a space in the built site', () => {
  const built = files(join(root, 'dist'), '.html').map((file) => visible(readFileSync(file, 'utf8'))).join(' ');
  const sources = files(join(root, 'src'), '.astro');
  // Two words that run together in some source file too may be written that way on purpose.
  const written = [...files(join(root, 'src'), ''), ...files(join(root, 'content'), '.mdx')].map((file) => readFileSync(file, 'utf8')).join('\n');
  let checked = 0;
  const lost: string[] = [];
  for (const file of sources) {
    for (const { line, before, after } of wordsAcrossBreaks(readFileSync(file, 'utf8'))) {
      const apart = built.includes(`${before} ${after}`);
      const joined = built.includes(`${before}${after}`);
      if (apart || joined) checked += 1;
      // Judged over the whole site, as a template may be on many pages: apart on one, run together
      // on another is still lost.
      if (joined && !written.includes(`${before}${after}`)) lost.push(`${file.slice(root.length)}:${line}: "${before}${after}"`);
    }
  }
  assert.deepEqual(lost, [], 'words the build ran together');
  // Not a check of nothing: the templates hold many such breaks, and the build shows them.
  assert.ok(checked >= 50, `only ${checked} line breaks found in the built site`);
});
