// Lesson 8 tells a Go story and measures Node equivalents. Here the Go programs themselves
// (content/lessons/08-the-go-original/go/) run against the lesson's Node server, and must meet
// the lesson's claims for their Node counterparts: the server's counts do not depend on the
// client's language. Needs Go (golang-go); without it this fails rather than skips.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkClaim, summarise } from '../../src/run/claims.ts';
import type { GoRecording } from '../../src/lessons/go-recordings.ts';
import { buildGoClients, GO_CLIENTS, GO_LESSON_FOLDER, goRecordingHash, runGoClient, type GoBuild } from '../helpers/go-original.ts';
import { lessonsOnDisk } from '../helpers/lessons.ts';

const lesson = lessonsOnDisk().find((candidate) => candidate.folder === GO_LESSON_FOLDER);

describe('08-the-go-original: the Go clients', () => {
  let build: GoBuild | undefined;
  let buildError: unknown;
  before(async () => {
    try {
      build = await buildGoClients();
    } catch (error) {
      buildError = error;
    }
  });
  after(() => build?.remove());

  test('Go is installed and the clients build', () => {
    if (buildError) throw buildError;
    assert.ok(build);
  });

  test('the page shows recordings of today\'s Go code, server and Go', () => {
    if (buildError) throw buildError;
    assert.ok(build);
    const stale = GO_CLIENTS.filter(({ name }) => {
      const recording = JSON.parse(readFileSync(join(GO_LESSON_FOLDER, 'recordings', `go-${name}.json`), 'utf8')) as GoRecording;
      return recording.hash !== goRecordingHash(name, build!.version) || recording.go !== build!.version;
    }).map(({ name }) => `recordings/go-${name}.json`);
    assert.deepEqual(stale, [], 'Record them again: npm exec -- node tools/record-go.ts');
  });

  for (const { name, nodeVariant } of GO_CLIENTS) {
    const claims = lesson?.frontmatter.claims.filter((claim) => claim.run === nodeVariant) ?? [];
    test(`go/${name} meets the claims of the Node ${nodeVariant}: ${claims.map((claim) => claim.says).join(' / ')}`, async () => {
      assert.ok(lesson, `no lesson at ${GO_LESSON_FOLDER}`);
      assert.ok(claims.length > 0, `${lesson.id}/index.mdx makes no claim about its ${nodeVariant}`);
      if (buildError) throw buildError;
      assert.ok(build);
      const { end, events } = await runGoClient(build.binaries[name]);
      const output = events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
      assert.equal(end.reason, 'completed', `the run of go/${name} ended ${end.reason}: ${end.message ?? ''}\n${output}`);
      const problems = claims.flatMap((claim) => {
        const failures = checkClaim(claim, events).map((f) => `${f.metric} was ${f.measured}, expected ${f.expected}`);
        return failures.length ? [`"${claim.says}" does not hold for go/${name} (${build!.version}): ${failures.join('; ')}`] : [];
      });
      // The numbers go into the test's output, for comparing Go with Node.
      console.log(`go/${name}: ${JSON.stringify(summarise(events))}`);
      assert.deepEqual(problems, [], `${problems.join('\n')}\n(run: ${JSON.stringify(summarise(events))})`);
    });
  }
});
