// Solve: the solution as a diff against the learner's code, in Monaco's diff view; nothing changes
// until the learner applies it, and Undo brings their code back. Loaded on the first click on
// Solve, with the editor it needs anyway.
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { button, putCode, type WorkspaceParts } from './workspace-actions.ts';

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
    for (const file of this.#solution) {
      const label = Object.assign(document.createElement('p'), { className: 'solve-file', textContent: file.name });
      const host = Object.assign(document.createElement('div'), { className: 'solve-diff' });
      container.append(label, host);
      this.#diffs.push(showDiff(host, file.name, mine.get(file.name) ?? '', file.content));
    }
    this.#parts.status.say('The solution is shown next to your code. Apply it, or keep your code.');
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
