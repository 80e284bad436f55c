// The editor module (src/client/editor/mount-editor.ts) as <code-tabs> sees it, without Monaco's
// 2 MB: each editor is a <textarea> that keeps a history the way Monaco's does for the lab (the
// text it was made with, then what was typed before it as one step, then each key), so a test
// can see what the hand-off gave the editor and what Undo in it brings back. Bundled into
// test/client/workspace/code-tabs.test.ts's page in place of mount-editor.ts; it arrives when the
// test calls window.releaseEditor(), as Monaco arrives over a slow network.
import type { EarlyKey } from '../../src/client/editor/handoff.ts';
import type { MountedEditor, MountOptions } from '../../src/client/editor/mount-editor.ts';
import type { TextSelection } from '../../src/client/editor/code-text.ts';

export interface EditorRecord {
  file: string;
  /** The text the editor was made with (what Undo goes back to). */
  madeWith: string;
  typedBefore?: string;
  keys: EarlyKey[];
  focusedAt?: TextSelection;
}

declare global {
  interface Window {
    editors: EditorRecord[];
  }
}

window.editors = [];

export function loadTokenizer(): Promise<unknown> {
  return Promise.resolve();
}

export function prepareEditor(): void {}

export function showDiff(): { dispose(): void } {
  return { dispose() {} };
}

export function mountEditor(panel: HTMLElement, options: MountOptions): MountedEditor {
  const record: EditorRecord = { file: options.fileName, madeWith: options.value, keys: [] };
  window.editors.push(record);
  const area = Object.assign(document.createElement('textarea'), { value: options.value, className: 'fake-editor' });
  area.setAttribute('aria-label', `${options.fileName}, editable`);
  panel.append(area);
  const history: string[] = [];
  const set = (text: string) => {
    history.push(area.value);
    area.value = text;
    options.onChange(text);
  };
  area.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'z') {
      event.preventDefault();
      const before = history.pop();
      if (before !== undefined) {
        area.value = before;
        options.onChange(before);
      }
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const at = area.selectionStart;
      set(area.value.slice(0, at) + event.key + area.value.slice(area.selectionEnd));
      area.setSelectionRange(at + 1, at + 1);
    }
  });
  return {
    setValue: (value) => {
      area.value = value;
    },
    focus: (selection) => {
      if (selection) record.focusedAt = selection;
      area.focus();
      if (selection) area.setSelectionRange(Math.min(selection.anchor, selection.focus), Math.max(selection.anchor, selection.focus));
    },
    takeTyped: (value) => {
      if (value === area.value) return;
      record.typedBefore = value;
      set(value);
    },
    typeKeys: (keys) => {
      record.keys.push(...keys);
      for (const key of keys) {
        const at = area.selectionStart;
        if ('text' in key) set(area.value.slice(0, at) + key.text + area.value.slice(area.selectionEnd));
        else set(area.value.slice(0, Math.max(0, at - 1)) + area.value.slice(at));
      }
    },
    markLine: () => {},
    dispose: () => area.remove(),
  };
}
