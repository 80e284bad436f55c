// The headers a static host sends, read from public/_headers (Netlify and Cloudflare Pages
// syntax), so the kit serves the site exactly as the deploy does and cannot drift from it.
// Supported: `#` comments, a path line, indented `Name: value` lines under it, and `*` as a
// wildcard in paths. Enough for this repository's file; anything else is refused by name.

export interface HeaderRule {
  path: string;
  headers: Record<string, string>;
}

export function parseHeadersFile(text: string, shownAs = 'public/_headers'): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const where = `${shownAs} line ${index + 1}`;
    if (!/^\s/.test(line)) {
      if (!line.startsWith('/')) throw new Error(`${where}: a path must start with "/", got "${line}".`);
      if (line.includes('/:')) throw new Error(`${where}: placeholders such as /:name are not supported here; use * or add them to this parser.`);
      rules.push({ path: line.trim(), headers: {} });
      return;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`${where}: a header comes before any path; put a path such as /* above it.`);
    // Values may contain colons (URLs), so only the first one separates name from value.
    const match = /^\s+([A-Za-z0-9-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!match) throw new Error(`${where}: expected "Name: value", got "${line.trim()}".`);
    rule.headers[match[1]!] = match[2]!;
  });
  return rules;
}

/** Every header whose rule's path matches `pathname`; later rules win, as on Netlify. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) if (pathMatches(rule.path, pathname)) Object.assign(headers, rule.headers);
  return headers;
}

function pathMatches(pattern: string, pathname: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(pathname);
}
