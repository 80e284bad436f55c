// The options every lesson editor is made with: the same theme, font and size as the static code
// it replaces, so the swap does not move or recolour anything.
import { currentTheme } from '../site/theme-choice.ts';
import { monaco } from './monaco.ts';

// Monaco's "vs" and "vs-dark" are VS Code's Light+ and Dark+, the themes shiki used for the
// static code, so the swap keeps its colours. One listener for the page: themes are global.
export const monacoTheme = () => (currentTheme() === 'dark' ? 'vs-dark' : 'vs');
document.addEventListener('lab-theme', () => monaco.editor.setTheme(monacoTheme()));

/** Where the static code wraps its long lines: presenter view (presenter.css) and a phone (CodeTabs.astro). */
const PHONE = '(max-width: 560px)';

/**
 * The code's font size and line height, from the CSS variables the static code uses too, and in
 * presenter view and on a phone long lines wrapped, as the static code wraps them.
 */
export function codeSize(): Pick<monaco.editor.IEditorOptions, 'fontSize' | 'lineHeight' | 'wordWrap' | 'wrappingIndent'> {
  const styles = getComputedStyle(document.documentElement);
  const presenting = document.documentElement.hasAttribute('data-present');
  return {
    fontSize: parseFloat(styles.getPropertyValue('--code-size')) || 14,
    lineHeight: parseFloat(styles.getPropertyValue('--code-line')) || 20,
    wordWrap: presenting || matchMedia(PHONE).matches ? 'on' : 'off',
    wrappingIndent: 'same',
  };
}

/** What every lesson editor shares, the one made ahead of the click included (mount-editor.ts). */
export function editorOptions(): monaco.editor.IStandaloneEditorConstructionOptions {
  const styles = getComputedStyle(document.documentElement);
  return {
    theme: monacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontFamily: styles.getPropertyValue('--font-code'),
    ...codeSize(),
    padding: { top: 8, bottom: 8 },
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 14,
    folding: false,
    glyphMargin: false,
    renderLineHighlight: 'line',
    tabSize: 2,
    fixedOverflowWidgets: true,
    // Typing "." or "(" should never swap in a suggestion the learner did not pick.
    acceptSuggestionOnCommitCharacter: false,
  };
}
