// Solve: the solution as a diff against the learner's code, in Monaco's diff view; nothing changes
// until the learner applies it, and Undo brings their code back. Loaded on the first click on
// Solve, with the editor it needs anyway.
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { button, putCode, type WorkspaceParts } from './workspace-actions.ts';

const SIDE_BY_SIDE = 'Your code is on the left, the solution on the right.';
const INLINE = 'Lines marked − (in red) are your code, lines marked + (in green) the solution’s; the rest is the same in both.';
const NOTHING_CHANGES = 'Nothing changes unless you apply it, and Undo brings your code back.';

export class SolvePanel {
  #parts: WorkspaceParts;
  #solution: LessonFile[];
  #diffs: { dispose(): void }[] = [];

  constructor(parts: WorkspaceParts, solution: LessonFile[]) {
    this.#parts = parts;
    this.#solution = solution;
  }

  get #panel() {
    return this.#parts.root.querySelector<HTMLElement>('[data-solve-panel]');
  }

  async open(): Promise<void> {
    const { root, tabs } = this.#parts;
    const container = root.querySelector<HTMLElement>('[data-solve-diffs]');
    const panel = this.#panel;
    if (!panel || !container) return;
    this.close();
    panel.hidden = false;
    this.#parts.status.progress('Loading the solution…');
    const { showDiff } = await tabs.loadEditor();
    if (!root.isConnected) return; // Gone to another lesson meanwhile: nothing would dispose the diffs.
    const mine = new Map(tabs.files().map((file) => [file.name, file.content]));
    let sideBySide = false;
    for (const file of this.#solution) {
      const label = Object.assign(document.createElement('p'), { className: 'solve-file', textContent: file.name });
      const host = Object.assign(document.createElement('div'), { className: 'solve-diff' });
      container.append(label, host);
      const diff = showDiff(host, file.name, mine.get(file.name) ?? '', file.content);
      sideBySide = diff.sideBySide;
      this.#diffs.push(diff);
    }
    // The words follow the layout the diff took (its width decides: mount-editor.ts).
    const hint = root.querySelector<HTMLElement>('[data-solve-hint]');
    if (hint) hint.textContent = `${sideBySide ? SIDE_BY_SIDE : INLINE} ${NOTHING_CHANGES}`;
    panel.scrollIntoView({ block: 'nearest' });
    this.#parts.status.say(sideBySide ? 'The solution is shown next to your code. Apply it, or keep your code.' : 'The solution is shown over your code. Apply it, or keep your code.');
    button(this.#parts, 'apply-solution')?.focus();
  }

  apply(): void {
    this.close();
    putCode(this.#parts, this.#solution, 'Undo solve', 'The solution is in the editor. Undo solve brings your code back.');
  }

  close(): void {
    for (const diff of this.#diffs.splice(0)) diff.dispose();
    this.#parts.root.querySelector('[data-solve-diffs]')?.replaceChildren();
    const panel = this.#panel;
    if (panel) panel.hidden = true;
  }
}
