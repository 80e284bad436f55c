// Search results by section, exact phrases first: the order Pagefind gave the deadlines lesson's
// "gives <mark>up</mark>" before the reference's "socket hang up" section.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rankSections, type PagefindPage } from '../../../src/client/site/search-ranking.ts';

const page = (url: string, title: string, subs: [string, string][]): PagefindPage => ({
  url,
  excerpt: '',
  meta: { title },
  sub_results: subs.map(([section, excerpt]) => ({ title: section, url: `${url}#${section.toLowerCase().replace(/\W+/g, '-')}`, excerpt })),
});

// As Pagefind ranked them for "socket hang up" (from the built site, trimmed).
const PAGES = [
  page('/lessons/deadlines/', 'Deadlines', [
    ['Deadlines', 'server in this lesson gives <mark>up</mark> on a stalled response'],
    ['Make it hang', 'it <mark>hang.</mark> The server answers'],
  ]),
  page('/reference/', 'Reference', [
    ['Drain every response', 'pins the <mark>socket:</mark> the leak.'],
    ['ECONNRESET, "socket hang up" on a reused connection', 'ECONNRESET, <mark>&quot;socket</mark> <mark>hang</mark> <mark>up&quot;</mark> on a reused connection.'],
  ]),
];

test('sections that hold the exact phrase come first, then those with every word, then the rest', () => {
  const hits = rankSections('socket hang up', PAGES);
  assert.equal(hits[0]?.title, 'Reference › ECONNRESET, "socket hang up" on a reused connection');
  assert.equal(hits[0]?.url, '/reference/#econnreset-socket-hang-up-on-a-reused-connection');
  // Within a tier, Pagefind's order stays.
  assert.deepEqual(hits.slice(1).map((hit) => hit.title), ['Deadlines', 'Deadlines › Make it hang', 'Reference › Drain every response']);
});

test('a page shows at most three sections, so one long page does not crowd out the others', () => {
  const long = page('/lessons/the-reuse-race/', 'The reuse race', [1, 2, 3, 4, 5].map((n) => [`Part ${n}`, '<mark>ECONNRESET</mark>']));
  const other = page('/lessons/a-proxy-in-the-middle/', 'A proxy', [['Make it happen', 'proxy: <mark>ECONNRESET</mark> from the app']]);
  const hits = rankSections('ECONNRESET', [long, other]);
  assert.deepEqual(hits.map((hit) => hit.title), ['The reuse race › Part 1', 'The reuse race › Part 2', 'The reuse race › Part 3', 'A proxy › Make it happen']);
});
