// Target of the monaco-styles-on-demand build plugin: Monaco's CSS, collected into one <style>
// element in import order, only once Monaco's modules are evaluated. Monaco's ~120 CSS modules
// evaluate one after another; the text is gathered and written once, after they all ran, because
// every change to a <style> element makes the browser parse its whole sheet again.
let sheet: HTMLStyleElement | undefined;
const pending: string[] = [];

export function adoptEditorStyles(css: string): void {
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset.source = 'monaco-editor';
    document.head.append(sheet);
  }
  if (pending.push(css) === 1) {
    queueMicrotask(() => {
      sheet?.append(document.createTextNode(pending.join('\n')));
      pending.length = 0;
    });
  }
}
