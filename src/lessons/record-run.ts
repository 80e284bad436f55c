// Runs one version of a lesson's code and prints its events as JSON. The build calls this as a
// child process (see recordings.ts) so the runner's code runs from source, not from Astro's
// bundle. The files arrive on stdin, as the lesson's entry holds them (lesson-code.ts).
// Usage: node src/lessons/record-run.ts < files.json
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { runLesson } from '../runner/run-lesson.ts';
import { lessonFile } from '../schemas/runner-protocol.ts';
import type { RunEvent } from '../schemas/run-events.ts';

const files = z.array(lessonFile).parse(JSON.parse(await text(process.stdin)));
const events: RunEvent[] = [];
let errorResponses = 0;
const end = await runLesson({
  files,
  signal: AbortSignal.timeout(60_000),
  onEvent: (event) => {
    // Only what charts and claims need: the server's samples, the exits, and the client's samples
    // where its count of 5xx responses changed (the only client count a claim reads).
    if ((event.type === 'meter' && event.process === 'server') || event.type === 'exit') events.push(event);
    else if (event.type === 'meter' && (event.counts.client?.errorResponses ?? 0) !== errorResponses) {
      errorResponses = event.counts.client?.errorResponses ?? 0;
      events.push(event);
    }
  },
});
process.stdout.write(JSON.stringify({ end, events, node: process.version }));
