// Presenter view (?present, or the toggle): big code and meter for a projector, chrome hidden.
// The attribute is set before first paint by BaseLayout's inline script; this module keeps it
// in step with the URL and the tab (sessionStorage, so the next lesson opens presenting too)
// and adds the keys: P toggles, [ and ] step through lessons, N folds the notes.
const KEY = 'keep-alive-lab:present';
const root = document.documentElement;

function presenting(): boolean {
  return root.hasAttribute('data-present');
}

function rememberForTab(on: boolean) {
  try {
    if (on) sessionStorage.setItem(KEY, '1');
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage blocked: presenter view lasts for this page.
  }
}

function setPresenting(on: boolean) {
  root.toggleAttribute('data-present', on);
  rememberForTab(on);
  const url = new URL(location.href);
  if (on) url.searchParams.set('present', '');
  else url.searchParams.delete('present');
  history.replaceState(history.state, '', url);
  syncButtons();
  // The editor sizes its font from CSS variables that presenter view changes.
  document.dispatchEvent(new CustomEvent('lab-present', { detail: on }));
}

function syncButtons() {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-present-toggle]')) {
    button.setAttribute('aria-pressed', String(presenting()));
  }
}

/** Keys typed into code or a form field are the learner's, not shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (target instanceof HTMLElement && target.isContentEditable) return true; // the code before Monaco: quick-edit.ts
  return target instanceof Element && target.closest('input, textarea, select, .monaco-editor') !== null;
}

/** As a click on the link: a soft navigation (src/client/site/soft-navigation.ts), so the runtime stays booted. */
function follow(rel: 'next' | 'prev') {
  document.querySelector<HTMLAnchorElement>(`a[rel="${rel}"]`)?.click();
}

// Each lesson brings its own toggles, whether loaded or reached by soft navigation.
document.addEventListener('astro:page-load', () => {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-present-toggle]')) {
    button.addEventListener('click', () => setPresenting(!presenting()));
  }
  syncButtons();
  // Opened with ?present (the agenda links so): the next lessons, reached with ], present too.
  if (presenting()) rememberForTab(true);
});

document.addEventListener('keydown', (event) => {
  // This module stays loaded after a soft navigation to a page without presenter view.
  if (!document.querySelector('[data-presenter-bar]')) return;
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  if (event.key === 'p' || event.key === 'P') setPresenting(!presenting());
  else if (!presenting()) return;
  else if (event.key === ']') follow('next');
  else if (event.key === '[') follow('prev');
  else if (event.key === 'n' || event.key === 'N') root.toggleAttribute('data-notes-hidden');
  else return;
  event.preventDefault();
});
