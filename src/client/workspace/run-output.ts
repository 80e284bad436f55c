// <run-output>: the output panel. A lesson may print megabytes, so text is appended once per
// frame, and the panel keeps the first HEAD_CHARS characters and the last ones, up to MAX_CHARS in
// all, with one line between that says what was left out (output-gap.ts): the start shows where
// things went wrong, the end shows the client's last line. Each frame's text goes into its own
// block, so the browser lays out only the new lines instead of the whole panel every frame (with
// one inline run of 200,000 characters, that layout was the longest task during a flood).
import { describeExit } from '../../run/process-exit.ts';
import type { LessonProcess, RunEvent } from '../../schemas/run-events.ts';
import { OutputGap } from './output-gap.ts';

const MAX_CHARS = 200_000;
const HEAD_CHARS = 50_000;
const BLOCK_CHARS = 8_000;
type Source = LessonProcess | 'lab';

interface Chunk {
  source: Source;
  text: string;
  className?: string;
  /** Start on a fresh line even if a process left its last line unfinished. */
  ownLine?: boolean;
  /** Output the run core left out here ('skipped'): no text of its own. */
  skipped?: { bytes: number; lines: number };
}

export class RunOutput extends HTMLElement {
  #pending: Chunk[] = [];
  #errorToMark?: { process: LessonProcess; text: string };
  #frame = 0;
  #chars = 0;
  /** Whether the next text from a source starts a new line, so it gets its process label. */
  #atLineStart = new Map<string, boolean>();
  /** Whether the last block ends inside a line, which the next text then continues. */
  #midLine = false;
  /** Characters in the last block, which takes text until it passes BLOCK_CHARS at a line end. */
  #blockChars = 0;
  /** The one line that says what was left out, once something was. */
  #gap?: OutputGap;
  /**
   * Whether the panel follows new text down: until the reader scrolls up, and again once they
   * scroll back to the end. Only the reader's own scrolling turns it off: blocks laid out only
   * once in view (content-visibility) change size after a scroll and move it too, and when that
   * counted, the panel stopped following and hid the last lines, a run's outcome, below its edge.
   */
  #follow = true;
  /** When the reader last touched the panel (wheel, touch, key, scrollbar). */
  #touchedAt = -Infinity;
  /**
   * Blocks change height when first laid out in view (content-visibility estimates them until
   * then), which can be frames after the scroll that brought them in: each change re-scrolls a
   * following panel to its end, so the last line, the run's outcome, is never left below the edge.
   */
  #blockSizes = new ResizeObserver(() => this.#toEnd(0));

  get #pre(): HTMLElement {
    return this.querySelector<HTMLElement>('[data-output]') ?? this;
  }

  connectedCallback() {
    this.querySelector('[data-action="clear-output"]')?.addEventListener('click', () => this.clear());
    const pre = this.#pre;
    for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) pre.addEventListener(type, () => (this.#touchedAt = performance.now()), { passive: true });
    pre.addEventListener('scroll', () => {
      if (pre.scrollHeight - pre.scrollTop - pre.clientHeight < 40) this.#follow = true;
      else if (performance.now() - this.#touchedAt < 1000) this.#follow = false;
    }, { passive: true });
  }

  /** Soft navigation to another page removes the panel: no frame should draw into it after. */
  disconnectedCallback() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending = [];
  }

  clear() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending = [];
    this.#errorToMark = undefined;
    this.#blockSizes.disconnect();
    this.#pre.replaceChildren();
    this.#chars = 0;
    this.#atLineStart.clear();
    this.#midLine = false;
    this.#gap = undefined;
    this.#follow = true;
  }

  /** A run event: what a process printed, how it ended, and the lab's notices. Others pass by. */
  add(event: RunEvent) {
    if (event.type === 'output') this.#print(event.process, event.stream, event.text);
    else if (event.type === 'notice') this.note(event.text, event.level);
    else if (event.type === 'exit') this.note(`${event.process}.js ${describeExit(event)}.`, !event.stoppedByLab && event.code !== 0 ? 'error' : 'info');
    else if (event.type === 'skipped') this.#queue({ source: 'lab', text: '', skipped: { bytes: event.bytes, lines: event.lines } });
  }

  /** Text a process printed; each of its lines is labelled with the process. */
  #print(source: LessonProcess, stream: 'stdout' | 'stderr', text: string) {
    this.#queue({ source, text, ...(stream === 'stderr' ? { className: 'stderr' } : {}) });
  }

  /**
   * Scrolls the panel to the first line `error.process` printed that reads
   * `error.text`, and marks it: the line a failed run's status names. Waits for the frame that
   * draws the run's last output.
   */
  markError(error: { process: LessonProcess; text: string }) {
    this.#errorToMark = error;
    this.#frame ||= requestAnimationFrame(() => this.#flush());
  }

  #markPendingError(pre: HTMLElement) {
    const error = this.#errorToMark;
    this.#errorToMark = undefined;
    if (!error) return false;
    const line = [...pre.querySelectorAll<HTMLElement>('.stderr')].find(
      (span) => span.previousElementSibling?.classList.contains(`tag-${error.process}`) && span.textContent?.trimEnd() === error.text,
    );
    if (!line) return false;
    line.classList.add('error-line');
    // The panel now shows the error, not the end: stop following (a scroll to the end may be due).
    this.#follow = false;
    line.title = 'The error the run status names';
    pre.scrollTop += line.getBoundingClientRect().top - pre.getBoundingClientRect().top - pre.clientHeight / 3;
    // The panel may sit out of sight in the workspace's own scroll area (or the page): the least
    // scrolling that shows it, so the learner sees the line the status names.
    pre.scrollIntoView({ block: 'nearest' });
    return true;
  }

  /** A line from the lab itself: exits, limits, failures. */
  note(text: string, level: 'info' | 'warning' | 'error' = 'info') {
    this.#queue({ source: 'lab', text: `${text}\n`, className: `note-${level}`, ownLine: true });
  }

  #queue(chunk: Chunk) {
    this.#pending.push(chunk);
    this.#frame ||= requestAnimationFrame(() => this.#flush());
  }

  #flush() {
    this.#frame = 0;
    const pre = this.#pre;
    pre.querySelector('.placeholder')?.remove();
    const { first, middle, newest } = this.#split(this.#pending);
    this.#pending = [];
    // Text that would be left out at once is never rendered: only counted in the gap.
    this.#renderAll(pre, first);
    if (middle.length) {
      const gap = this.#leaveOut(pre);
      const utf8 = new TextEncoder();
      for (const { text } of middle) gap.add(utf8.encode(text).length, text.split('\n').length - 1);
    }
    this.#renderAll(pre, newest);
    this.#trim(pre);
    if (!this.#markPendingError(pre)) this.#toEnd(30);
  }

  /**
   * Scrolls to the last line while the panel follows, and again for a few frames: a block's height
   * is only estimated until it is laid out in view (content-visibility), so the end moves down.
   */
  #toEnd(frames: number) {
    if (!this.#follow || !this.isConnected) return;
    const pre = this.#pre;
    pre.scrollTop = pre.scrollHeight;
    // Again next frame, until the end stays put (each scroll may lay out blocks of new heights).
    const end = pre.scrollTop;
    if (frames > 0) requestAnimationFrame(() => (pre.scrollTop !== end || pre.scrollHeight - pre.clientHeight > end + 1) && this.#toEnd(frames - 1));
  }

  /** A frame's chunks: those that complete the first lines, those to leave out, and the newest that fit. */
  #split(pending: Chunk[]) {
    if (pending.some((chunk) => chunk.skipped)) return { first: pending, middle: [], newest: [] };
    let firstEnd = 0;
    // Once there is a gap, the first lines are complete: all that comes is the newest.
    for (let filled = this.#gap ? HEAD_CHARS : this.#chars; firstEnd < pending.length && filled < HEAD_CHARS; ) filled += pending[firstEnd++]?.text.length ?? 0;
    let newestStart = pending.length;
    for (let room = MAX_CHARS - HEAD_CHARS; newestStart > firstEnd && room > 0; ) room -= pending[--newestStart]?.text.length ?? 0;
    return { first: pending.slice(0, firstEnd), middle: pending.slice(firstEnd, newestStart), newest: pending.slice(newestStart) };
  }

  /**
   * Blocks of a few thousand characters, each laid out on its own and skipped while off screen
   * (content-visibility in RunOutput.astro), so a flood costs only the lines in view. A line left
   * unfinished continues in the block it started in.
   */
  #renderAll(pre: HTMLElement, chunks: Chunk[]) {
    const last = pre.lastElementChild;
    let block = this.#midLine && last?.classList.contains('output-block') ? (last as HTMLElement) : undefined;
    for (const chunk of chunks.flatMap(splitLarge)) {
      if (chunk.skipped) {
        // Left out after all that is shown, when the panel has left out nothing itself.
        if (!this.#gap) pre.append((this.#gap = new OutputGap()).element);
        this.#leaveOut(pre).add(chunk.skipped.bytes, chunk.skipped.lines);
        block = undefined;
        continue;
      }
      if (!block || (!this.#midLine && this.#blockChars > BLOCK_CHARS)) {
        block = document.createElement('div');
        block.className = 'output-block';
        pre.append(block);
        this.#blockSizes.observe(block);
        this.#blockChars = 0;
      }
      this.#render(chunk, block);
      this.#blockChars += chunk.text.length;
      this.#midLine = [...this.#atLineStart.values()].includes(false);
    }
  }

  /** The gap, after the first HEAD_CHARS characters; made when first needed. */
  #gapAfterFirstLines(pre: HTMLElement): OutputGap {
    if (this.#gap) return this.#gap;
    const gap = new OutputGap();
    let kept = 0;
    let after: ChildNode | null = pre.firstChild;
    while (after && kept < HEAD_CHARS) {
      kept += after.textContent?.length ?? 0;
      after = after.nextSibling;
    }
    pre.insertBefore(gap.element, after);
    this.#gap = gap;
    return gap;
  }

  /** The gap, with everything shown after it left out: what comes next follows it. */
  #leaveOut(pre: HTMLElement): OutputGap {
    const gap = this.#gapAfterFirstLines(pre);
    while (gap.element.nextSibling) this.#take(gap, gap.element.nextSibling);
    this.#atLineStart.clear();
    this.#midLine = false;
    return gap;
  }

  #take(gap: OutputGap, node: ChildNode) {
    this.#chars -= node.textContent?.length ?? 0;
    if (node instanceof Element) this.#blockSizes.unobserve(node);
    gap.take(node);
  }

  #render({ source, text, className, ownLine }: Chunk, into: ParentNode) {
    const key = `${source}:${className ?? ''}`;
    if (ownLine && [...this.#atLineStart.values()].includes(false)) {
      into.append('\n');
      this.#atLineStart.forEach((_, other) => this.#atLineStart.set(other, true));
    }
    for (const piece of text.split(/(?<=\n)/)) {
      if (this.#atLineStart.get(key) ?? true) {
        const tag = document.createElement('span');
        tag.className = `tag tag-${source}`;
        tag.textContent = source === 'lab' ? '[lab]    ' : `[${source}] `;
        into.append(tag);
        this.#chars += tag.textContent.length;
      }
      const span = document.createElement('span');
      if (className) span.className = className;
      span.textContent = piece;
      into.append(span);
      this.#chars += piece.length;
      this.#atLineStart.set(key, piece.endsWith('\n'));
    }
  }

  /** Past MAX_CHARS, leaves out the oldest lines after the first ones, counted in the gap. */
  #trim(pre: HTMLElement) {
    if (this.#chars <= MAX_CHARS) return;
    const gap = this.#gapAfterFirstLines(pre);
    // The newest block stays, even if it alone is over: a line may continue in it.
    while (this.#chars > MAX_CHARS && gap.element.nextSibling && gap.element.nextSibling !== pre.lastChild) this.#take(gap, gap.element.nextSibling);
  }
}

/** A chunk of more than BLOCK_CHARS as several, cut after a newline where there is one. */
function splitLarge(chunk: Chunk): Chunk[] {
  if (chunk.text.length <= BLOCK_CHARS) return [chunk];
  const pieces: Chunk[] = [];
  for (let start = 0; start < chunk.text.length; ) {
    const newline = chunk.text.lastIndexOf('\n', start + BLOCK_CHARS);
    const end = newline >= start ? newline + 1 : start + BLOCK_CHARS;
    pieces.push({ ...chunk, text: chunk.text.slice(start, end), ownLine: start === 0 && chunk.ownLine });
    start = end;
  }
  return pieces;
}

customElements.define('run-output', RunOutput);
