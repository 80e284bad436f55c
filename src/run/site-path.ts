// Where a page of the lab lives, under the base path the site was built for: `/` for `npm start`
// and most hosts, `/repo-name/` for a GitHub Pages project site (BASE_PATH at build, see
// src/build/site-config.ts). Every link, fetch and dynamic import the lab writes goes through here,
// so a base-path build asks for nothing outside its path.

/** The build's base path, always with a slash at each end. */
export function basePath(base: string | undefined = import.meta.env?.BASE_URL): string {
  const trimmed = (base ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** A path of the site ("reference/", "/lessons/x/#y") under the base path. */
export function sitePath(path: string, base?: string): string {
  return `${basePath(base)}${path.replace(/^\/+/, '')}`;
}
