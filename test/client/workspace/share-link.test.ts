// Share links: the files survive the round trip through the URL fragment, and code too large
// for a link is refused with a message that says what to do.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { filesFromLink, MAX_LINK_CODE_CHARS, shareLink } from '../../../src/client/workspace/share-link.ts';

const page = new URL('http://localhost:4321/lessons/the-leak/?runtime=local');

test('files round-trip through a #code= link on the same page', async () => {
  const files = [
    { name: 'server.js', content: "import http from 'node:http';\n// ünïcödé ✓\n" },
    { name: 'client.js', content: 'res.resume();\n'.repeat(50) },
  ];
  const link = await shareLink(files, page);
  assert.ok(link.ok);
  const url = new URL(link.url);
  assert.equal(url.pathname, '/lessons/the-leak/');
  assert.equal(url.search, '', 'the link does not carry the sender’s runtime choice');
  assert.deepEqual(await filesFromLink(url.hash), { 'server.js': files[0]!.content, 'client.js': files[1]!.content });
});

test('code too large for a link is refused, naming the limit and the alternative', async () => {
  // Random bytes do not compress: this is far past the limit once encoded.
  const link = await shareLink([{ name: 'client.js', content: randomBytes(MAX_LINK_CODE_CHARS).toString('base64') }], page);
  assert.equal(link.ok, false);
  assert.match(link.ok ? '' : link.message, /too large for a link: \d+ kB compressed.*under 16 kB.*Download the lesson instead/);
});

test('a damaged or foreign fragment is ignored, not an error', async () => {
  assert.equal(await filesFromLink('#code=not-deflate-data'), undefined);
  assert.equal(await filesFromLink('#run-it'), undefined);
});
