// What of a flood of output reaches the page: the first bytes as they come, the last ones when the
// run ends, and one 'skipped' event between that counts what was left out, bytes and lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeGap } from '../../src/client/workspace/output-gap.ts';
import { OutputBudget } from '../../src/run/output-budget.ts';
import type { RunEvent } from '../../src/schemas/run-events.ts';

function budget(liveBytes: number, tailBytes: number) {
  const events: RunEvent[] = [];
  return { events, output: new OutputBudget({ liveBytes, tailBytes }, (event) => events.push(event)) };
}

const textOf = (events: RunEvent[]) => events.map((event) => (event.type === 'output' ? event.text : event.type === 'skipped' ? `<skipped ${event.bytes} B, ${event.lines} lines>` : `<${event.type}>`)).join('');

describe('OutputBudget', () => {
  it('passes everything on, in order, while it fits', () => {
    const { events, output } = budget(100, 50);
    output.add('server', 'stdout', 'listening\n');
    output.add('client', 'stderr', 'oops\n');
    output.finish();
    assert.deepEqual(events, [
      { type: 'output', process: 'server', stream: 'stdout', text: 'listening\n' },
      { type: 'output', process: 'client', stream: 'stderr', text: 'oops\n' },
    ]);
  });

  it('a flood: the first lines at once, then one count of what was left out, then the last lines', () => {
    const { events, output } = budget(30, 30);
    for (let line = 1; line <= 1000; line++) output.add('client', 'stdout', `line ${line}\n`);
    output.add('client', 'stdout', 'the very last line\n');
    const live = textOf(events);
    assert.equal(live, 'line 1\nline 2\nline 3\nline 4\n', 'only the whole lines in the first 30 bytes came while it ran');
    output.finish();
    const shown = textOf(events);
    assert.match(shown, /^line 1\nline 2\nline 3\nline 4\n<skipped \d+ B, \d+ lines>line 1000\nthe very last line\n$/);
    const [, bytes, lines] = /<skipped (\d+) B, (\d+) lines>/.exec(shown) ?? [];
    const total = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}\n`).join('') + 'the very last line\n';
    assert.equal(Number(bytes) + Buffer.byteLength(shown.replace(/<skipped[^>]*>/, '')), Buffer.byteLength(total), 'every byte is shown or counted');
    assert.equal(Number(lines), 1001 - 4 - 2, 'every line is shown or counted');
    assert.equal(events.filter((event) => event.type === 'skipped').length, 1);
  });

  it('keeps whole lines at the cut where it can, and counts bytes, not characters', () => {
    const { events, output } = budget(4, 12);
    output.add('client', 'stdout', 'héllo\n'.repeat(10));
    output.finish();
    const skipped = events.find((event) => event.type === 'skipped');
    const tail = events.filter((event) => event.type === 'output').slice(1).map((event) => (event.type === 'output' ? event.text : '')).join('');
    assert.match(tail, /^(héllo\n)+$/, 'the tail starts at a line');
    const live = events[0]?.type === 'output' ? events[0].text : '';
    assert.equal(live, 'hél', 'a first line longer than the room is cut inside it');
    assert.equal((skipped?.type === 'skipped' ? skipped.bytes : 0) + 4 + Buffer.byteLength(tail), Buffer.byteLength('héllo\n'.repeat(10)));
  });

  it('an exit keeps its place after the output it follows, so the last line comes before "exited"', () => {
    const { events, output } = budget(5, 10);
    output.add('client', 'stdout', 'x'.repeat(100) + '\nlast\n');
    output.pass({ type: 'exit', process: 'client', code: 0, signal: null, stoppedByLab: false });
    output.finish();
    assert.deepEqual(events.map((event) => event.type), ['output', 'skipped', 'output', 'exit']);
    assert.equal(textOf(events.slice(2, 3)), 'last\n');
  });
});

describe('describeGap', () => {
  it('says how much was left out, in one sentence that is true where it stands', () => {
    assert.equal(describeGap(9_812_345, 812_345), '… 9.8 MB of output (812,345 lines) left out here: the first lines are above, the last below.');
    assert.equal(describeGap(1, 1), '… 1 byte of output (1 line) left out here: the first lines are above, the last below.');
  });
});
