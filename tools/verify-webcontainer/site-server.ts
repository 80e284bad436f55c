// Serves a build as a static host would: the files, plus the headers public/_headers gives each
// path (or none, as GitHub Pages sends), on 127.0.0.1 at the first free port of the range the kit
// may use. Under a base path (a BASE_PATH build) it answers only below that path, as a GitHub
// Pages project site does: anything else is a 404, and the base without its slash redirects.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createStaticHandler } from '../../src/runner/static-files.ts';
import { headersFor, parseHeadersFile } from './deploy-headers.ts';

export const PORT_RANGE = { first: 4700, last: 4799 } as const;

export interface SiteServer {
  url: string;
  /** The headers public/_headers gives every page, as served. */
  headers: Record<string, string>;
  /** Compresses the large assets now, as a host's CDN has them ready, rather than on first request. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** public/_headers, or undefined for a host that sends no headers of its own. */
  headersFile: string | undefined;
  port?: number | undefined;
  /** The path the site is served under; `/` unless the build had BASE_PATH. */
  base?: string;
}

export async function serveSite(siteDir: string, { headersFile, port, base = '/' }: ServeOptions): Promise<SiteServer> {
  const rules = headersFile ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const statics = createStaticHandler(siteDir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    if (url.pathname === base.replace(/\/$/, '')) {
      response.writeHead(301, { location: `${base}${url.search}` }).end();
      return;
    }
    if (!url.pathname.startsWith(base)) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not under ${base}`);
      return;
    }
    // The handler serves the build's folder at `/`.
    request.url = `/${url.pathname.slice(base.length)}${url.search}`;
    // Set before the handler's writeHead, which merges them into the response.
    for (const [name, value] of Object.entries(headersFor(rules, new URL(request.url, 'http://site').pathname))) response.setHeader(name, value);
    statics.serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  const chosen = await listenInRange(server, port);
  return {
    url: `http://localhost:${chosen}${base.replace(/\/$/, '')}`,
    headers: headersFor(rules, '/'),
    warmUp: () => statics.warmUp(),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The given port, or the first free one in PORT_RANGE, so runs beside other tools do not collide. */
async function listenInRange(server: Server, port?: number): Promise<number> {
  const candidates = port ? [port] : Array.from({ length: PORT_RANGE.last - PORT_RANGE.first + 1 }, (_, index) => PORT_RANGE.first + index);
  for (const candidate of candidates) {
    const listening = await new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      server.once('error', onError);
      server.listen(candidate, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (listening) return candidate;
  }
  throw new Error(port ? `Port ${port} on 127.0.0.1 is taken; choose another with --port.` : `No free port on 127.0.0.1 between ${PORT_RANGE.first} and ${PORT_RANGE.last}.`);
}
