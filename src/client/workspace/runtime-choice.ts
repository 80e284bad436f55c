// Where the learner chose to run code: read from the address (?runtime=) or from storage, kept
// in both when changed, so a copied link carries the choice and the next lesson remembers it.
import { readRuntimeChoice, type RuntimeChoice } from '../../runtime/choose-runtime.ts';
import { loadRuntimeChoice, saveRuntimeChoice } from '../shared/local-store.ts';
import { pageUrl } from '../shared/page-url.ts';

export function initialRuntimeChoice(): RuntimeChoice {
  return readRuntimeChoice(pageUrl(), loadRuntimeChoice());
}

export function rememberRuntimeChoice(choice: RuntimeChoice): void {
  saveRuntimeChoice(choice);
  const url = new URL(location.href);
  if (choice === 'auto') url.searchParams.delete('runtime');
  else url.searchParams.set('runtime', choice);
  history.replaceState(history.state, '', url);
}

/** `?webcontainer-timeout=5` (seconds) shortens the boot timeout, e.g. for tests of the offline path. */
export function bootTimeoutFromUrl(): { bootTimeoutMs?: number } {
  const seconds = Number(pageUrl().searchParams.get('webcontainer-timeout'));
  // Past about 24 days setTimeout fires at once; no boot is worth waiting an hour for anyway.
  return seconds > 0 && seconds <= 3600 ? { bootTimeoutMs: seconds * 1000 } : {};
}
