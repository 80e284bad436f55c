// A room that presses Run together: beyond the runner's limit a run waits its turn, the page says
// where it is in line, and the run starts by itself. A lab of our own with --max-runs 1, so that
// the line forms on any machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

let lab: ChildProcess | undefined;
/** Where the lab says it is running: it is started with --port 0, so on whichever port the system gave it. */
let origin = '';

test.beforeAll(async () => {
  lab = spawn(process.execPath, ['src/runner/start.ts', '--no-build', '--port', '0', '--max-runs', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  lab.stdout?.on('data', (chunk) => (output += String(chunk)));
  const running = () => /is running at (http:\/\/localhost:[1-9]\d*)\/\s/.exec(output)?.[1] ?? '';
  await expect.poll(running, { timeout: 20_000 }).toMatch(/^http/);
  origin = running();
});

test.afterAll(async () => {
  if (lab?.pid && lab.exitCode === null) {
    lab.kill('SIGTERM');
    await new Promise((resolve) => lab?.once('exit', resolve));
  }
});

test('a second learner waits in line, is told so, and runs by themselves when the first run ends', async ({ browser }) => {
  const [first, second] = await Promise.all([browser.newPage(), browser.newPage()]);
  const lessons = [new LessonPage(first), new LessonPage(second)];
  for (const [index, page] of [first, second].entries()) {
    await page.goto(`${origin}/lessons/pool-limits/`);
    await expect(lessons[index]!.runStatus).toHaveText(/Ready: code runs with the local runner/);
  }
  // The pool-limits starter stalls for about 6 s: long enough to see the line.
  await lessons[0]!.run();
  await expect(lessons[0]!.runStatus).toHaveText(/Running/);
  await lessons[1]!.run();
  await expect(lessons[1]!.runStatus).toHaveText('Waiting: your run is next, and starts by itself. Stop leaves the line.');
  await expect(lessons[1]!.stopButton).toBeEnabled();

  // Run again keeps the place.
  await lessons[1]!.run();
  await expect(lessons[1]!.runStatus).toHaveText(/^Waiting: your run is next/);

  expect(await lessons[0]!.runEnded()).toMatch(/Finished .*10 requests over 10 connections/);
  await expect(lessons[1]!.runStatus).toHaveText(/Running/, { timeout: 10_000 });
  expect(await lessons[1]!.runEnded()).toMatch(/Finished .*10 requests over 10 connections/);
  await Promise.all([first.close(), second.close()]);
});
