// WebContainer's terminal output, turned into plain text however the chunks are cut.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainText, terminalText } from '../../../src/runtime/webcontainer/terminal-text.ts';

const TERMINAL = '\x1b[31mred\x1b[39m\r\nnext\r\n\x1b]0;title\x07\x1b[2K\x1b[1Gdone\r\nprogress 50%\rprogress 100%\r\n';
const PLAIN = 'red\nnext\ndone\nprogress 50%\rprogress 100%\n';

test('plainText removes colours, cursor moves, titles and \\r\\n pairs', () => {
  assert.equal(plainText(TERMINAL), PLAIN);
});

test('terminalText gives the same text for every way of cutting the stream in two or three', () => {
  for (let first = 0; first <= TERMINAL.length; first++) {
    for (let second = first; second <= TERMINAL.length; second += 3) {
      const text = terminalText();
      const pieces = [TERMINAL.slice(0, first), TERMINAL.slice(first, second), TERMINAL.slice(second)];
      const result = pieces.map((piece) => text.push(piece)).join('') + text.flush();
      assert.equal(result, PLAIN, `cut at ${first} and ${second}`);
    }
  }
});

test('terminalText passes text on at once, holding back only what could still be an escape or \\r\\n', () => {
  const text = terminalText();
  assert.equal(text.push('hello\x1b['), 'hello');
  assert.equal(text.push('32mworld\r'), 'world');
  assert.equal(text.push('\n'), '\n');
  // An escape character followed by plain text is not held for ever.
  assert.equal(text.push(`\x1b[${'1'.repeat(300)}`).length > 0, true);
});
