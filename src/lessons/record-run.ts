// Runs one variant of a lesson and prints its events as JSON. The build calls this as a child
// process (see recordings.ts) so the runner's code runs from source, not from Astro's bundle.
// Usage: node src/lessons/record-run.ts content/lessons/02-the-leak starter
import { runLesson } from '../runner/run-lesson.ts';
import type { RunEvent } from '../schemas/run-events.ts';
import { readLessonFiles, type LessonVariant } from './lesson-files.ts';

const [folder, variant] = process.argv.slice(2) as [string, LessonVariant];
const events: RunEvent[] = [];
const end = await runLesson({
  files: readLessonFiles(folder, variant),
  signal: AbortSignal.timeout(60_000),
  onEvent: (event) => {
    // Only what charts and claims need: the server's samples and the exits.
    if ((event.type === 'meter' && event.process === 'server') || event.type === 'exit') events.push(event);
  },
});
process.stdout.write(JSON.stringify({ end, events, node: process.version }));
