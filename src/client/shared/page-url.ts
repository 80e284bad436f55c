// The address of the page on screen. In a soft navigation the next page's elements connect while
// the address bar still shows the previous page (Astro updates history after the swap), so code
// that reads the URL as it connects asks here instead of `location`.
let arriving: URL | undefined;

export function pageUrl(): URL {
  return new URL(arriving ?? location.href);
}

/** Runs the swap to the page at `url`; pageUrl() answers with `url` meanwhile. */
export function arriveAt(url: URL, swap: () => void): void {
  arriving = url;
  try {
    swap();
  } finally {
    arriving = undefined;
  }
}

/** A share link carries the learner's code in the fragment, after this (see share-link.ts). */
export const SHARED_CODE_PREFIX = '#code=';
