// The output panel's one message about output it does not show: a line between the first lines
// and the last that says how much was left out there. The run core leaves out the middle of a
// flood before it reaches the page ('skipped' events, src/run/output-budget.ts) and the panel
// leaves out more to stay light; both add up in this one line, so it never says two things.
import { plural } from '../../run/plural.ts';

const utf8 = new TextEncoder();

/** "… 9.8 MB of output (812,345 lines) left out here: the first lines are above, the last below." */
export function describeGap(bytes: number, lines: number): string {
  return `… ${size(bytes)} of output (${lines.toLocaleString('en')} ${plural(lines, 'line')}) left out here: the first lines are above, the last below.`;
}

function size(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${bytes} ${plural(bytes, 'byte')}`;
}

export class OutputGap {
  readonly element: HTMLElement;
  #bytes = 0;
  #lines = 0;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'output-gap';
    this.element.dataset.outputGap = '';
  }

  /** Output left out before it reached the page. */
  add(bytes: number, lines: number): void {
    this.#bytes += bytes;
    this.#lines += lines;
    this.element.textContent = describeGap(this.#bytes, this.#lines);
  }

  /** Output the panel showed and now leaves out: `node` is removed and counted. */
  take(node: ChildNode): void {
    const text = node.textContent ?? '';
    // The process labels ("[client] ") are the panel's, not output.
    const labels = node instanceof Element ? [...node.querySelectorAll('.tag')].reduce((sum, tag) => sum + (tag.textContent?.length ?? 0), 0) : 0;
    node.remove();
    this.add(utf8.encode(text).length - labels, text.split('\n').length - 1);
  }
}
