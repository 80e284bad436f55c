// How much of a run's output travels to the page. A lesson may print megabytes (a loop around
// console.log), more than a page should receive, but what a learner needs is the start (where it
// went wrong) and the end (the client's last line). So the first `liveBytes` pass on as they
// come; after that only the last `tailBytes` are kept, and when the run ends they follow one
// 'skipped' event that says how much was left out between. The output panel shows that event
// as its one message about left-out output (src/client/workspace/output-gap.ts).
import type { LessonProcess, RunEvent } from '../schemas/run-events.ts';

type Piece = { process: LessonProcess; stream: 'stdout' | 'stderr'; text: string; bytes: number } | { event: RunEvent; bytes: 0 };

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;
const countLines = (text: string) => text.split('\n').length - 1;

export class OutputBudget {
  readonly #emit: (event: RunEvent) => void;
  #liveLeft: number;
  /** Whether the output passed on so far ends a line (or there is none yet). */
  #liveEndsLine = true;
  #liveShown = false;
  readonly #tailBytes: number;
  readonly #tail: Piece[] = [];
  #held = 0;
  #skippedBytes = 0;
  #skippedLines = 0;

  constructor(limits: { liveBytes: number; tailBytes: number }, emit: (event: RunEvent) => void) {
    this.#liveLeft = limits.liveBytes;
    this.#tailBytes = limits.tailBytes;
    this.#emit = emit;
  }

  add(process: LessonProcess, stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    if (this.#liveLeft > 0) {
      const bytes = utf8.encode(text);
      if (bytes.length <= this.#liveLeft) {
        this.#liveLeft -= bytes.length;
        this.#liveShown = true;
        this.#liveEndsLine = text.endsWith('\n');
        this.#emit({ type: 'output', process, stream, text });
        return;
      }
      // Cut after the last whole line that fits; a line longer than that is cut inside, where a
      // cut through a multi-byte character only costs that character (it shows as U+FFFD).
      const newline = bytes.lastIndexOf(10, this.#liveLeft - 1);
      const cut = newline >= 0 ? newline + 1 : this.#liveShown && this.#liveEndsLine ? 0 : this.#liveLeft;
      this.#liveLeft = 0;
      if (cut > 0) this.#emit({ type: 'output', process, stream, text: new TextDecoder().decode(bytes.subarray(0, cut)) });
      text = new TextDecoder().decode(bytes.subarray(cut));
    }
    this.#tail.push({ process, stream, text, bytes: byteLength(text) });
    this.#held += this.#tail.at(-1)!.bytes;
    this.#trim();
  }

  /**
   * An event that belongs after the output so far (a process's exit): passed on now, or, while
   * output is held, kept in its place among it, so "client.js exited" follows the client's last line.
   */
  pass(event: RunEvent): void {
    if (this.#tail.length === 0) this.#emit(event);
    else this.#tail.push({ event, bytes: 0 });
  }

  /** The run is over: says what was left out (if anything), then passes on the last output. */
  finish(): void {
    if (this.#skippedBytes > 0) this.#emit({ type: 'skipped', bytes: this.#skippedBytes, lines: this.#skippedLines });
    for (const piece of this.#tail.splice(0)) {
      if ('event' in piece) this.#emit(piece.event);
      else if (piece.text) this.#emit({ type: 'output', process: piece.process, stream: piece.stream, text: piece.text });
    }
    this.#held = 0;
  }

  /** Drops the oldest held output beyond `tailBytes`, whole lines where it can. */
  #trim() {
    while (this.#held > this.#tailBytes) {
      // Events are kept: the oldest output that is not one goes.
      const index = this.#tail.findIndex((piece) => !('event' in piece));
      const front = this.#tail[index];
      if (!front || 'event' in front) return;
      const excess = this.#held - this.#tailBytes;
      if (front.bytes <= excess) {
        this.#tail.splice(index, 1);
        this.#skip(front.text, front.bytes);
        continue;
      }
      // Cut the front piece after the line the excess ends in (or mid-line, in a line that long).
      let cut = charsInFirstBytes(front.text, excess);
      const newline = front.text.indexOf('\n', cut - 1);
      if (newline >= 0) cut = newline + 1;
      const dropped = front.text.slice(0, cut);
      const droppedBytes = byteLength(dropped);
      front.text = front.text.slice(cut);
      front.bytes -= droppedBytes;
      this.#skip(dropped, droppedBytes);
    }
  }

  #skip(text: string, bytes: number) {
    this.#held -= bytes;
    this.#skippedBytes += bytes;
    this.#skippedLines += countLines(text);
  }
}

/** How many UTF-16 code units of `text` make up at least its first `bytes` bytes of UTF-8. */
function charsInFirstBytes(text: string, bytes: number): number {
  let index = 0;
  for (let counted = 0; index < text.length && counted < bytes; index++) {
    const unit = text.charCodeAt(index);
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    counted += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdfff ? 2 : 3;
  }
  return index;
}
