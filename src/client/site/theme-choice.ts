// The theme control: Auto follows the OS, Light and Dark stick (localStorage). The head script
// in BaseLayout applies a stored choice before paint; this keeps it in step afterwards and
// tells the editor and the charts, which draw with colours of their own.
import { saveThemeChoice } from '../shared/local-store.ts';

const dark = matchMedia('(prefers-color-scheme: dark)');

export type Theme = 'light' | 'dark';

/** The theme in effect now, whichever way it was chosen. */
export function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return dark.matches ? 'dark' : 'light';
}

function announce() {
  document.dispatchEvent(new CustomEvent('lab-theme', { detail: currentTheme() }));
}

// Every page has its own control: soft navigation (src/client/site/soft-navigation.ts) brings a new one.
document.addEventListener('astro:page-load', () => {
  const control = document.querySelector<HTMLSelectElement>('[data-theme-choice]');
  if (!control) return;
  control.value = document.documentElement.dataset.theme ?? 'auto';
  control.addEventListener('change', () => {
    const value = control.value;
    saveThemeChoice(value);
    if (value === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = value;
    announce();
  });
});
dark.addEventListener('change', announce);
