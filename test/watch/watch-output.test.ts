// What `keep-alive-lab watch` prints, apart from any command: the live panel in a terminal (its rows,
// its scroll region, a resize) and the report's lines (findings and resets grouped by place). The
// command itself, run as real processes, is test/watch/watch-command.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Collector } from '../../src/watch/collect.js';
import { livePanel, PANEL_HEIGHT } from '../../src/watch/live-panel.js';
import { findingLines, panelLines, resetLines } from '../../src/watch/report.js';

test('in a terminal, the panel keeps to the bottom rows and the program’s output scrolls above it', () => {
  const written: string[] = [];
  const listeners = new Map<string, () => void>();
  const terminal = {
    rows: 20,
    columns: 40,
    write: (text: string) => written.push(text),
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    off: (event: string) => listeners.delete(event),
  };
  const panel = livePanel(terminal as unknown as NodeJS.WriteStream);
  // Room made, and a scroll region of the 13 rows above a 7-row panel.
  assert.equal(written.join(''), '\n'.repeat(7) + '\x1b[7A' + '\x1b7\x1b[1;13r\x1b8');
  written.length = 0;
  panel.draw(['title', 'x'.repeat(60)]);
  const drawn = written.join('');
  assert.ok(drawn.startsWith('\x1b7') && drawn.endsWith('\x1b8'), 'the cursor goes back to where the program writes');
  assert.ok(drawn.includes('\x1b[14;1H\x1b[2Ktitle'), 'the first line on row 14');
  assert.ok(drawn.includes(`\x1b[15;1H\x1b[2K${'x'.repeat(39)}\x1b`), 'a long line cut to the width');
  assert.ok(drawn.includes('\x1b[20;1H\x1b[2K'), 'the last row cleared');
  terminal.rows = 30;
  listeners.get('resize')!();
  assert.ok(written.at(-1)!.includes('\x1b[1;23r'), 'a resize moves the region');
  panel.close();
  assert.ok(written.at(-1)!.endsWith('\x1b7\x1b[r\x1b8'), 'closing gives the whole screen back');
  assert.equal(listeners.size, 0);
});

test('the live panel keeps both totals in its 7 rows, and shares what is left between their groups', () => {
  const collector = new Collector('/nonexistent');
  const at = (line: number) => `/app/client.js:${line}:5`;
  for (let line = 1; line <= 8; line++) {
    collector.findings.push({ reason: 'idle', method: 'GET', origin: 'http://a', path: `/${line}`, heldMs: 1000, at: at(line), pid: 1 });
  }
  for (let line = 20; line <= 22; line++) {
    collector.resets.push({ kind: 'http', method: 'GET', origin: 'http://a', path: `/r${line}`, error: 'ECONNRESET socket hang up', idleMs: 2500, at: at(line), pid: 1 });
  }
  const lines = panelLines('title', collector, PANEL_HEIGHT);
  assert.equal(lines.length, PANEL_HEIGHT);
  assert.equal(lines[2], 'unfinished responses: 8');
  assert.ok(lines.includes('requests failed on a reused connection: 3'), lines.join('\n'));
  assert.equal(lines.filter((line) => line.startsWith('  1 × ')).length, 3, 'the three rows left, shared');

  collector.resets.length = 0;
  const findingsOnly = panelLines('title', collector, PANEL_HEIGHT);
  assert.equal(findingsOnly.filter((line) => line.startsWith('  1 × ')).length, 4, 'with no reset, every row left goes to unfinished responses');
});

test('a group of findings shows the paths that differ and the statuses among them, so that “only the 503s leak” shows', () => {
  const finding = (path: string, status: number, origin = 'http://api.test') =>
    ({ reason: 'idle', method: 'GET', origin, path, status, heldMs: 1200, at: '/srv/app/client.js:4:25', pid: 1 }) as const;
  assert.deepEqual(findingLines(['/a', '/b', '/a', '/c', '/d', '/e'].map((path) => finding(path, 503))), [
    'unfinished responses: 6',
    '  6 × GET http://api.test/a, /b, /c and 2 more → 503   requested at /srv/app/client.js:4:25',
  ]);
  assert.deepEqual(findingLines([finding('/x', 503), finding('/x', 200), finding('/y', 404, 'http://other.test')]), [
    'unfinished responses: 3',
    '  3 × GET http://api.test/x, http://other.test/y → 200, 404, 503   requested at /srv/app/client.js:4:25',
  ]);
  const { at: _at, ...unplaced } = finding('/a', 200);
  assert.match(findingLines([unplaced])[1] ?? '', /requested at a place not recorded \(watch ran with --no-stacks\)$/);
  const reset = { kind: 'http', method: 'GET', origin: 'http://api.test', error: 'ECONNRESET socket hang up', at: '/srv/app/client.js:9:3', pid: 1 } as const;
  assert.match(resetLines([{ ...reset, path: '/jobs/2' }, { ...reset, path: '/jobs/3' }, { ...reset, method: 'POST', path: '/jobs/4' }])[1] ?? '', /^  3 × GET http:\/\/api\.test\/jobs\/2, \/jobs\/3, POST \/jobs\/4: ECONNRESET/);
});
