// A file's static code (the build's highlighted HTML) showing the learner's version before the
// editor loads.

/**
 * Shows `current` in `pre`: the build's highlighted HTML while it is the starter code, plain
 * lines once the learner changed it (highlighting comes from the build, but it is their code).
 */
export function showStaticCode(pre: HTMLElement, current: string, original: string | undefined): void {
  const code = pre.querySelector('code');
  if (!code) return;
  if (current === original) {
    if (pre.dataset.highlighted) code.innerHTML = pre.dataset.highlighted;
    return;
  }
  pre.dataset.highlighted ??= code.innerHTML;
  code.replaceChildren(
    ...current.split('\n').flatMap((line, index, lines) => {
      const span = document.createElement('span');
      span.className = 'line';
      span.textContent = line;
      return index < lines.length - 1 ? [span, document.createTextNode('\n')] : [span];
    }),
  );
}
