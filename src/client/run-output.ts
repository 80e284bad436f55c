// <run-output>: the output panel. A lesson may print megabytes, so text is appended once per
// frame and only the last MAX_CHARS characters stay in the page.
import type { LessonProcess } from '../schemas/run-events.ts';

const MAX_CHARS = 200_000;
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

  get #pre(): HTMLElement {
    return this.querySelector<HTMLElement>('[data-output]') ?? this;
  }

  connectedCallback() {
    this.querySelector('[data-action="clear-output"]')?.addEventListener('click', () => this.clear());
  }

  clear() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending = [];
    this.#pre.replaceChildren();
    this.#chars = 0;
    this.#atLineStart.clear();
    this.#showTrimmed(false);
  }

  /** Text a process printed; each of its lines is labelled with the process. */
  print(source: LessonProcess, stream: 'stdout' | 'stderr', text: string) {
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
    const stickToBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 40;
    pre.querySelector('.placeholder')?.remove();
    // Text that would be trimmed right away is never rendered: only the newest MAX_CHARS count.
    let first = this.#pending.length;
    for (let budget = MAX_CHARS; first > 0 && budget > 0; ) budget -= this.#pending[--first]?.text.length ?? 0;
    if (first > 0) {
      pre.replaceChildren();
      this.#chars = 0;
      this.#showTrimmed();
    }
    const fragment = document.createDocumentFragment();
    for (const chunk of this.#pending.slice(first)) this.#render(chunk, fragment);
    this.#pending = [];
    pre.append(fragment);
    this.#trim(pre);
    if (stickToBottom) pre.scrollTop = pre.scrollHeight;
  }

  #render({ source, text, className, ownLine }: Chunk, into: DocumentFragment) {
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

customElements.define('run-output', RunOutput);
