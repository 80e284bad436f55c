// The part of @types/node the lessons touch, as one static JSON file. The editor fetches it
// after it loads and hands it to Monaco's TypeScript worker, so `res.` completes with
// http.IncomingMessage's members. The whole of @types/node would be 2.6 MB; this is a fifth.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MODULES = [
  'assert', 'assert/strict', 'buffer', 'buffer.buffer', 'console', 'diagnostics_channel', 'dns', 'events', 'globals',
  'globals.typedarray', 'http', 'net', 'perf_hooks', 'process', 'stream', 'test', 'timers', 'url',
];

export function GET() {
  const root = dirname(createRequire(import.meta.url).resolve('@types/node/package.json'));
  const files = MODULES.map((name) => ({ name: `${name}.d.ts`, content: readFileSync(join(root, `${name}.d.ts`), 'utf8') }));
  return new Response(JSON.stringify({ files }), { headers: { 'content-type': 'application/json' } });
}
