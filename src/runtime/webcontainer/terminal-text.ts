// WebContainer passes each process's output through a pseudo-terminal: \r\n line ends and escape
// sequences (colours, cursor moves) that mean nothing in the output panel. Chunks arrive as the
// terminal flushes them, so a \r\n pair or an escape sequence can be split across two chunks;
// the tail that could be the start of one is held back until the next chunk completes it.

// A complete escape sequence: CSI (ESC [ … final byte) or OSC (ESC ] … BEL or ESC \).
const ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// What could still become a sequence or a \r\n pair if more text arrives.
const UNFINISHED_TAIL = /(?:\x1b(?:\[[0-9;?]*[ -/]*|\][^\x07\x1b]*)?|\r)$/;
// A tail longer than this is not an escape sequence in the making: let it through.
const MAX_HELD = 256;

export interface TerminalText {
  /** Plain text for this chunk, minus any tail held back for the next one. */
  push(chunk: string): string;
  /** Whatever is still held back, at the end of the stream. */
  flush(): string;
}

export function terminalText(): TerminalText {
  let held = '';
  return {
    push(chunk) {
      const text = held + chunk;
      const tail = UNFINISHED_TAIL.exec(text);
      const cut = tail && tail[0].length <= MAX_HELD ? tail.index : text.length;
      held = text.slice(cut);
      return plainText(text.slice(0, cut));
    },
    flush() {
      const rest = plainText(held);
      held = '';
      return rest;
    },
  };
}

/** One whole piece of terminal output as plain text. */
export function plainText(text: string): string {
  return text.replace(ESCAPE, '').replace(/\r\n/g, '\n');
}
