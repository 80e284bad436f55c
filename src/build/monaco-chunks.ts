// Monaco in four chunks by its own layers, instead of one of 2.7 MB. Chromium parses each script
// on a background thread while it downloads; one big script keeps one thread busy while the
// other core has less to do, and the first click into code waits for it. On the 2-core machine,
// from the click to a keystroke in the editor, cold: median 1,033 ms as one chunk, 899 ms as four
// (ten runs each, interleaved; issue 18). VS Code's layering (base, then platform, then
// editor/common, then editor/browser) means each chunk imports only the ones before it.
import type { Plugin } from 'vite';

const layer = (path: string) => new RegExp(`monaco-editor[\\\\/]esm[\\\\/]vs[\\\\/]${path}`);

export const MONACO_CHUNKS = [
  // A group takes in what its modules import. Vite's preload helper, which Monaco's dynamic
  // imports use and so does every page, would land in a Monaco chunk and bring it into every
  // page; so it keeps a chunk of its own, as it had before these groups.
  { name: 'preload-helper', test: /preload-helper/, priority: 5 },
  { name: 'monaco-base', test: layer('(base|nls|amdX)'), priority: 4 },
  { name: 'monaco-platform', test: layer('platform'), priority: 3 },
  { name: 'monaco-editor-common', test: layer('editor[\\\\/]common'), priority: 2 },
  { name: 'monaco-editor-browser', test: layer('editor[\\\\/](browser|standalone|editor\\.api)'), priority: 1 },
];

/** Puts Monaco's layers in chunks of their own in the client build. */
export function monacoChunks(): Plugin {
  return {
    name: 'keep-alive-lab:monaco-chunks',
    apply: 'build',
    config: () => ({ build: { rolldownOptions: { output: { codeSplitting: { groups: MONACO_CHUNKS } } } } }),
  };
}
