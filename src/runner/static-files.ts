// Serves the built site (dist/) for `npm start`. Small on purpose: files, index.html for folders,
// the 404 page, long caching for Astro's hashed assets and none for HTML.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { constants, createGzip, gzip as gzipCallback } from 'node:zlib';

const gzipAsync = promisify(gzipCallback);

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

/** Files this size and up are compressed once, at the best level, and kept (the editor's are MBs). */
const CACHE_FROM_BYTES = 64 * 1024;

export interface StaticFiles {
  serve(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Compresses the big assets now, one after another, so the first click into code does not wait. */
  warmUp(): Promise<void>;
}

export function createStaticHandler(distDir: string): StaticFiles {
  const root = normalize(distDir + sep);
  // Compressing Monaco and the TypeScript worker on every request would cost the CPU the
  // learner's browser needs to start the editor, on the same two cores in a workshop laptop.
  const compressed = new Map<string, { version: string; body: Promise<Buffer> }>();
  const compressedBody = async (file: string): Promise<Buffer | undefined> => {
    const info = await stat(file);
    if (info.size < CACHE_FROM_BYTES) return undefined;
    const version = `${info.mtimeMs}:${info.size}`;
    let entry = compressed.get(file);
    if (entry?.version !== version) {
      entry = { version, body: readFile(file).then((bytes) => gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION })) };
      compressed.set(file, entry);
    }
    return entry.body;
  };

  const warmUp = async () => {
    const assets = await readdir(join(root, '_astro')).catch(() => [] as string[]);
    for (const name of assets) {
      if (COMPRESSIBLE.test(CONTENT_TYPES[extname(name)] ?? '')) await compressedBody(join(root, '_astro', name)).catch(() => undefined);
    }
  };
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
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
    const cached = gzip ? await compressedBody(file).catch(() => undefined) : undefined;
    response.writeHead(status, {
      ...(cached ? { 'content-length': String(cached.length) } : {}),
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
    if (cached) {
      response.end(cached);
      return;
    }
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(response);
    else body.pipe(response);
  };
  return { serve, warmUp };
}
