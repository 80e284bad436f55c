// <run-output>: the output panel. A lesson may print megabytes, so text is appended once per
// frame and only the last MAX_CHARS characters stay in the page. Each frame's text goes into its
// own block, so the browser lays out only the new lines instead of the whole panel every frame
// (with one inline run of 200,000 characters, that layout was the longest task during a flood).
import { describeExit } from '../../run/process-exit.ts';
import type { LessonProcess, RunEvent } from '../../schemas/run-events.ts';

const MAX_CHARS = 200_000;
const BLOCK_CHARS = 8_000;
type Source = LessonProcess | 'lab';

interface Chunk {
  source: Source;
  text: string;
  className?: string;
  /** Start on a fresh line even if a process left its last line unfinished. */
  ownLine?: boolean;
}

export class RunOutput extends HTMLElement {
  #pending: Chunk[] = [];
  #frame = 0;
  #chars = 0;
  /** Whether the next text from a source starts a new line, so it gets its process label. */
  #atLineStart = new Map<string, boolean>();
  /** Whether the last block ends inside a line, which the next text then continues. */
  #midLine = false;
  /** Characters in the last block, which takes text until it passes BLOCK_CHARS at a line end. */
  #blockChars = 0;
  /**
   * Whether the panel follows new text down: until the reader scrolls up, and again once they
   * scroll back to the end. Only the reader's own scrolling turns it off: blocks laid out only
   * once in view (content-visibility) change size after a scroll and move it too, and when that
   * counted, the panel stopped following and hid the last lines, a run's outcome, below its edge.
   */
  #follow = true;
  /** When the reader last touched the panel (wheel, touch, key, scrollbar). */
  #touchedAt = -Infinity;

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
    this.#pre.replaceChildren();
    this.#chars = 0;
    this.#atLineStart.clear();
    this.#midLine = false;
    this.#follow = true;
    this.#showTrimmed(false);
  }

  /** A run event: what a process printed, how it ended, and the lab's notices. Others pass by. */
  add(event: RunEvent) {
    if (event.type === 'output') this.#print(event.process, event.stream, event.text);
    else if (event.type === 'notice') this.note(event.text, event.level);
    else if (event.type === 'exit') this.note(`${event.process}.js ${describeExit(event)}.`, !event.stoppedByLab && event.code !== 0 ? 'error' : 'info');
  }

  /** Text a process printed; each of its lines is labelled with the process. */
  #print(source: LessonProcess, stream: 'stdout' | 'stderr', text: string) {
    this.#queue({ source, text, ...(stream === 'stderr' ? { className: 'stderr' } : {}) });
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
    // Text that would be trimmed right away is never rendered: only the newest MAX_CHARS count.
    let first = this.#pending.length;
    for (let budget = MAX_CHARS; first > 0 && budget > 0; ) budget -= this.#pending[--first]?.text.length ?? 0;
    if (first > 0) {
      pre.replaceChildren();
      this.#chars = 0;
      this.#showTrimmed();
    }
    // Blocks of a few thousand characters, each laid out on its own and skipped while off
    // screen (content-visibility in RunOutput.astro), so a flood costs only the lines in view.
    // A line left unfinished continues in the block it started in.
    const last = pre.lastElementChild;
    let block = this.#midLine && last?.classList.contains('output-block') ? (last as HTMLElement) : undefined;
    for (const chunk of this.#pending.slice(first).flatMap(splitLarge)) {
      if (!block || (!this.#midLine && this.#blockChars > BLOCK_CHARS)) {
        block = document.createElement('div');
        block.className = 'output-block';
        pre.append(block);
        this.#blockChars = 0;
      }
      this.#render(chunk, block);
      this.#blockChars += chunk.text.length;
      this.#midLine = [...this.#atLineStart.values()].includes(false);
    }
    this.#pending = [];
    this.#trim(pre);
    this.#toEnd(3);
  }

  /** Scrolls to the last line, and again for a few frames while the blocks in view are laid out for real. */
  #toEnd(frames: number) {
    if (!this.#follow || !this.isConnected) return;
    const pre = this.#pre;
    pre.scrollTop = pre.scrollHeight;
    if (frames > 0) requestAnimationFrame(() => this.#toEnd(frames - 1));
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

  /** Drops the oldest output once the panel holds more than MAX_CHARS characters, and says so. */
  #trim(pre: HTMLElement) {
    if (this.#chars <= MAX_CHARS) return;
    while (this.#chars > MAX_CHARS && pre.firstChild) {
      this.#chars -= pre.firstChild.textContent?.length ?? 0;
      pre.firstChild.remove();
    }
    this.#showTrimmed();
  }

  #showTrimmed(shown = true) {
    const notice = this.querySelector<HTMLElement>('[data-trimmed]');
    if (notice) notice.hidden = !shown;
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
