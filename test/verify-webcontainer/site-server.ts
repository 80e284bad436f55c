// Serves the kit's build as a static host would: the files, plus the headers public/_headers
// gives each path, on 127.0.0.1 at the first free port of the range the kit may use.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createStaticHandler } from '../../src/runner/static-files.ts';
import { headersFor, parseHeadersFile } from './deploy-headers.ts';

export const PORT_RANGE = { first: 4700, last: 4799 } as const;

export interface SiteServer {
  url: string;
  /** The headers public/_headers gives every page, as served. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

export async function serveSite(siteDir: string, headersFile: string, port?: number): Promise<SiteServer> {
  const rules = parseHeadersFile(readFileSync(headersFile, 'utf8'));
  const statics = createStaticHandler(siteDir);
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://site').pathname;
    // Set before the handler's writeHead, which merges them into the response.
    for (const [name, value] of Object.entries(headersFor(rules, pathname))) response.setHeader(name, value);
    statics.serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  const chosen = await listenInRange(server, port);
  return {
    url: `http://localhost:${chosen}`,
    headers: headersFor(rules, '/'),
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
