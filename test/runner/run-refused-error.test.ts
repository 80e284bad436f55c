// A run the runner refuses reaches the learner as a sentence that says what to change, not as
// "Error: …"; a run that fails to start for another reason says what to do about the runner.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runLesson } from '../../src/runner/run-lesson.ts';
import { RunRefusedError, startFailureMessage } from '../../src/runner/run-refused-error.ts';

it('a file name that is not a bare name is refused with a RunRefusedError, and nothing runs', async () => {
  const error = await runLesson({
    files: [{ name: '../server.js', content: '' }],
    signal: AbortSignal.timeout(10_000),
    onEvent: () => assert.fail('nothing should run'),
  }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof RunRefusedError, `got ${String(error)}`);
  assert.equal(error.name, 'RunRefusedError');
  const message = startFailureMessage(error);
  assert.match(message, /^Refused file name "\.\.\/server\.js": file names must be .+\. Nothing was run\.$/);
  assert.doesNotMatch(message, /Error/);
});

it('any other failure to start says the runner failed and how to start it again', () => {
  const message = startFailureMessage(new Error('EMFILE: too many open files'));
  assert.equal(message, 'The runner could not start this run: EMFILE: too many open files. Stop the lab (Ctrl+C) and start it again with npm start; if it happens again, the terminal shows why.');
});
