// Serves the built site (dist/) for `npm start`. Small on purpose: files, index.html for folders,
// the 404 page, long caching for Astro's hashed assets and none for HTML.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest)|image\/svg)/;

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    // Not there: the caller tries the next candidate.
  }
  return undefined;
}

export function createStaticHandler(distDir: string) {
  const root = normalize(distDir + sep);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://lab').pathname);
    } catch {
      response.writeHead(400).end('Bad URL');
      return;
    }
    const candidate = normalize(join(root, pathname));
    if (!candidate.startsWith(root) && candidate + sep !== root) {
      response.writeHead(404).end();
      return;
    }
    const found = (await fileAt(candidate)) ?? (await fileAt(`${candidate}.html`));
    const status = found ? 200 : 404;
    const file = found ?? (await fileAt(join(root, '404.html')));
    if (!file) {
      response
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The lab has not been built yet. Stop this server and run `npm start`, which builds it first.');
      return;
    }
    const immutable = pathname.startsWith('/_astro/');
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    // Text compresses to a fraction; on a projector over bad Wi-Fi that is most of the wait.
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(status, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(response);
    else body.pipe(response);
  };
}
