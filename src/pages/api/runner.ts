// The answer a static host gives a page that asks whether a local runner serves it
// (detectLocalRunner in src/runtime/local/local-runtime.ts): "none". Under `npm start` the lab
// server answers this path itself, with "local", before any file. Without this file every lesson
// page on a static host would log a 404 for its question.
import { RUNNER_ABSENT } from '../../schemas/runner-wire.ts';

export function GET() {
  return new Response(JSON.stringify(RUNNER_ABSENT), { headers: { 'content-type': 'application/json' } });
}
