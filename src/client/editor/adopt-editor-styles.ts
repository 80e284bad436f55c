// Target of the monaco-styles-on-demand build plugin: Monaco's CSS, collected into one <style>
// element in import order, only once Monaco's modules are evaluated.
let sheet: HTMLStyleElement | undefined;

export function adoptEditorStyles(css: string): void {
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset.source = 'monaco-editor';
    document.head.append(sheet);
  }
  sheet.append(document.createTextNode(css));
}
