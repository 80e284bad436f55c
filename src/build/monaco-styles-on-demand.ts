// Monaco's modules import ~120 CSS files. Left to Vite, they become one stylesheet that Astro
// hoists into <head> of every lesson page as a render-blocking <link>, although the editor only
// loads after the learner's first interaction. This plugin turns each of those CSS imports into
// a tiny module that injects the same CSS (processed by Vite, urls and all) into a <style>
// element when Monaco itself loads, so no editor CSS is requested before then.
import type { Plugin } from 'vite';

const PREFIX = '\0monaco-style:';

export function monacoStylesOnDemand(): Plugin {
  return {
    name: 'keep-alive-lab:monaco-styles-on-demand',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('.css') || !importer.includes('/node_modules/monaco-editor/')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The id must not end in .css, or Vite's CSS pipeline would claim this JavaScript module.
      return resolved ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const cssPath = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${cssPath}?inline`)};`,
        `import { adoptEditorStyles } from ${JSON.stringify(new URL('../client/editor/adopt-editor-styles.ts', import.meta.url).pathname)};`,
        'adoptEditorStyles(css);',
      ].join('\n');
    },
  };
}
