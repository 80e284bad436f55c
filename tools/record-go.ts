// Records a run of each of lesson 8's Go clients against the lesson's Node server, in the shape of
// the lesson's other recordings (src/lessons/recordings.ts) plus `go`, the `go version` it used:
// content/lessons/08-the-go-original/recordings/go-<client>.json. Checks the claims of each
// client's Node counterpart first, and writes nothing for a run that misses them.
// Usage: npm exec -- node tools/record-go.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkClaim } from '../src/run/claims.ts';
import type { GoRecording } from '../src/lessons/go-recordings.ts';
import { buildGoClients, GO_CLIENTS, GO_LESSON_FOLDER, goRecordingHash, runGoClient } from '../test/helpers/go-original.ts';
import { lessonsOnDisk } from '../test/helpers/lessons.ts';

const lesson = lessonsOnDisk().find((candidate) => candidate.folder === GO_LESSON_FOLDER);
if (!lesson) throw new Error(`No lesson at ${GO_LESSON_FOLDER}`);

const build = await buildGoClients();
try {
  for (const { name, nodeVariant } of GO_CLIENTS) {
    const { end, events } = await runGoClient(build.binaries[name]);
    if (end.reason !== 'completed') throw new Error(`go/${name}: the run ended ${end.reason}: ${end.message ?? ''}`);
    for (const claim of lesson.frontmatter.claims.filter((candidate) => candidate.run === nodeVariant)) {
      const failures = checkClaim(claim, events);
      if (failures.length > 0) {
        throw new Error(`go/${name}: "${claim.says}" does not hold: ${failures.map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`).join('; ')}`);
      }
    }
    const recording: GoRecording = {
      hash: goRecordingHash(name, build.version),
      node: process.version,
      recordedAt: new Date().toISOString(),
      end,
      // Only what charts and claims need, as record-run.ts keeps: the server's samples and the exits.
      events: events.filter((event) => (event.type === 'meter' && event.process === 'server') || event.type === 'exit'),
      go: build.version,
    };
    const path = join(GO_LESSON_FOLDER, 'recordings', `go-${name}.json`);
    writeFileSync(path, `${JSON.stringify(recording)}\n`);
    console.log(`${path}: ${end.durationMs} ms, ${recording.events.length} events`);
  }
} finally {
  await build.remove();
}
