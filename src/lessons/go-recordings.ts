// Lesson 8's Go clients, run with Debian's Go against the lesson's Node server and recorded by
// tools/record-go.ts (the build has no Go to run them; `npm test` runs them afresh in
// test/content/go-original.test.ts). The page shows each beside its Node counterpart, and the build
// fails if a recording no longer backs the claims of that counterpart.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkClaim } from '../run/claims.ts';
import type { Claim } from '../schemas/lesson.ts';
import { LessonContentError } from '../schemas/lesson-content-error.ts';
import type { Recording } from './recordings.ts';

/** Each Go client (go/NAME/main.go) and the Node run whose claims it must meet. */
export const GO_CLIENTS = [
  { name: 'never-closed', nodeVariant: 'starter', title: 'Never closed' },
  { name: 'closed-unread', nodeVariant: 'closed-unread', title: 'Closed unread' },
  { name: 'read-to-eof', nodeVariant: 'solution', title: 'Read to EOF, then closed' },
] as const;

export interface GoRecording extends Recording {
  /** `go version`'s output for the Go that built the client, e.g. "go version go1.19.8 linux/amd64". */
  go: string;
}

export interface GoRun {
  name: string;
  nodeVariant: string;
  title: string;
  recording: GoRecording;
}

/** The lesson's Go recordings, checked against its claims; empty for a lesson without go/. */
export function goRunsOf(folder: string, claims: Claim[]): GoRun[] {
  if (!existsSync(join(folder, 'go'))) return [];
  return GO_CLIENTS.map(({ name, nodeVariant, title }) => {
    const path = join(folder, 'recordings', `go-${name}.json`);
    const shown = relative(process.cwd(), path);
    if (!existsSync(path)) throw new LessonContentError(`${shown} is missing: record it with \`npm exec -- node tools/record-go.ts\` (needs Go).`);
    const recording = JSON.parse(readFileSync(path, 'utf8')) as GoRecording;
    for (const claim of claims.filter((candidate) => candidate.run === nodeVariant)) {
      const failures = checkClaim(claim, recording.events);
      if (failures.length > 0) {
        const detail = failures.map((failure) => `${failure.metric} was ${failure.measured}, expected ${failure.expected}`).join('; ');
        throw new LessonContentError(`${shown} does not back "${claim.says}": ${detail}. Record it again with tools/record-go.ts.`);
      }
    }
    return { name, nodeVariant, title, recording };
  });
}

/** "1.19.8" from `go version` output ("go version go1.19.8 linux/amd64"). */
export function goRelease(recording: GoRecording): string {
  return /go(\d+(?:\.\d+)+)/.exec(recording.go)?.[1] ?? recording.go;
}
