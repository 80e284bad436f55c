// Soft navigation between the lab's pages with Astro's view-transitions router: the page's
// JavaScript lives for the whole visit, and with it the runtimes (src/runtime/choose-runtime.ts),
// so the WebContainer booted on one lesson runs the next one's code without booting again.
//
// Astro's own swap replaces <body>. @webcontainer/api appends its hidden iframe to <body>, and an
// iframe taken out of the document reloads, which kills the container. So this swap replaces
// only what the server rendered, and leaves what scripts added at run time where it is: that
// iframe, Monaco's styles in <head> and its screen-reader announcer in <body> (Monaco creates each
// once per document, for every editor to come). Removing the old page's elements runs their
// disconnectedCallback, which stops a run, saves edits and disposes editors.
//
// The router (astro:transitions/client, 4 KB) loads on the first click on a link, not with the
// page, as Monaco and WebContainer do: a lesson page stays within its JavaScript budget, and a
// reader who never leaves the page never pays for it. So this module, not Astro's <ClientRouter>
// component, decides which clicks navigate softly, and BaseLayout carries the meta tag with which
// a page tells the router it takes part. Forms are left alone: the one form (search) stays on its
// page.
import type { TransitionBeforeSwapEvent } from 'astro:transitions/client';
import { arriveAt } from '../shared/page-url.ts';

declare global {
  interface Window {
    /** Sets <html>'s attributes from the learner's choices (theme, presenter view); BaseLayout.astro. */
    labRootState?: (url: URL) => void;
  }
}

type Router = typeof import('astro:transitions/client');
let router: Router | undefined;
let routerLoading: Promise<Router> | undefined;

function loadRouter(): Promise<Router> {
  // A reloaded page's history entry may hold a scroll position from before; the router scrolls
  // there as it loads. The position of now is the one to keep.
  if (!routerLoading && history.state) history.replaceState({ ...history.state, scrollX, scrollY }, '');
  routerLoading ??= import('astro:transitions/client').then((module) => (router = module));
  return routerLoading;
}

/** The link, if this click is one the browser would follow in this tab to another page of the lab. */
function softLink(event: MouseEvent): HTMLAnchorElement | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link?.href || link.hasAttribute('download') || (link.target && link.target !== '_self')) return undefined;
  // A page that arrived without cross-origin isolation (a host that cannot send the headers):
  // a plain load of the next page goes through the isolation worker (public/isolation-sw.js) and
  // comes back isolated, so WebContainer can run there. A soft one would stay as this page is.
  if (!crossOriginIsolated) return undefined;
  // Links within this page (#main) go through the router too: it keeps its history entries in
  // step, so that Back from one does not load this page again.
  return new URL(link.href).origin === location.origin ? link : undefined;
}

const serverRendered = new WeakSet<Element>();

function markServerRendered(...elements: Element[]) {
  for (const element of elements) serverRendered.add(element);
}

/** What scripts added to `parent`, less what Astro's router adds itself on every navigation. */
function addedAtRunTime(parent: HTMLElement): Element[] {
  return [...parent.children].filter(
    (element) => !serverRendered.has(element) && !element.matches('script, link[rel="preload"], .astro-route-announcer'),
  );
}

function swapBody(newBody: HTMLElement) {
  const body = document.body;
  const kept = addedAtRunTime(body);
  for (const node of [...body.childNodes]) {
    if (!(node instanceof Element && kept.includes(node))) node.remove();
  }
  for (const { name } of [...body.attributes]) body.removeAttribute(name);
  for (const { name, value } of [...newBody.attributes]) body.setAttribute(name, value);
  const content = document.createDocumentFragment();
  content.append(...newBody.childNodes);
  // One insertion: the new page's custom elements connect together, in document order.
  body.insertBefore(content, kept[0] ?? null);
}

function swap({ swapFunctions }: Router, event: TransitionBeforeSwapEvent) {
  const { newDocument } = event;
  markServerRendered(...newDocument.head.children, ...newDocument.body.children);
  swapFunctions.deselectScripts(newDocument);
  swapFunctions.swapRootAttributes(newDocument);
  // The next page's <html> arrives without what the head script set before first paint.
  window.labRootState?.(event.to);
  const keptInHead = addedAtRunTime(document.head);
  swapFunctions.swapHeadElements(newDocument);
  document.head.append(...keptInHead);
  arriveAt(event.to, () => swapBody(newDocument.body));
}

markServerRendered(...document.head.children, ...document.body.children);

document.addEventListener('click', (event) => {
  const link = softLink(event);
  if (!link) return;
  event.preventDefault();
  void loadRouter().then(
    ({ navigate }) => navigate(link.href, { sourceElement: link }),
    () => location.assign(link.href), // The router could not load (offline?): a plain navigation.
  );
});

// The router is loaded by then: it is what dispatches this event.
document.addEventListener('astro:before-swap', (event) => {
  const loaded = router;
  if (loaded) event.swap = () => swap(loaded, event);
});

// Scripts set up each page on astro:page-load, which the router sends after every navigation, and
// on the first page's load when it is there by then. Until it is, the first page's is ours to send.
addEventListener('load', () => {
  if (!router) document.dispatchEvent(new Event('astro:page-load'));
});
