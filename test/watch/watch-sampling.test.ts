// What keeps watch cheap on a busy client: past a process's first 1000 requests, stacks are
// taken for at most a budget between two samples. A response whose stack was not taken still
// counts, joins the place of a sampled request to the same URL, and, alone, says why it has none.
import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import { test } from 'node:test';
import { STACKS_ALWAYS, trackResponses } from '../../src/meter/responses.js';
import { findingLines } from '../../src/watch/report.js';

test('past the first requests, a budget of stacks between samples; the rest are marked unsampled', async () => {
  const server = http.createServer((req, res) => res.end(req.url === '/held' ? 'x'.repeat(256 * 1024) : 'ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = new http.Agent({ keepAlive: true });
  const tracker = trackResponses({ diagnosticsChannel, http, stacks: true, idleMs: 60_000, now: () => performance.now(), stacksPerSample: 2 });
  const get = (path: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port, path, agent }, resolve).on('error', reject));
  const held: http.IncomingMessage[] = [];
  try {
    tracker.sample();
    for (let i = 0; i < STACKS_ALWAYS; i++) (await get('/ok')).resume();
    // The budget (2) is spent by the first two of these; the third and fourth have no stack.
    for (let i = 0; i < 4; i++) held.push(await get('/held'));
    const { findings } = tracker.atExit();
    assert.deepEqual(
      findings.map((finding) => [Boolean(finding.at), Boolean(finding.unsampled)]),
      [
        [true, false],
        [true, false],
        [false, true],
        [false, true],
      ],
    );
    // All four at one place: the unsampled join the sampled to the same URL.
    const lines = findingLines(findings.map((finding) => ({ ...finding, pid: 1 })));
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[1]!, /^ {2}4 × GET http:\/\/127\.0\.0\.1:\d+\/held → 200 {3}requested at \S*watch-sampling\.test\.ts:\d+:\d+$/);
    // Alone, an unsampled finding says why it has no place, and how to get one.
    const alone = findingLines([{ ...findings[3]!, pid: 1 }]);
    assert.match(alone[1]!, /requested at a place not sampled \(past its first 1000 requests, a process has at most 500 stacks a second recorded; --all-stacks records every one\)$/);
  } finally {
    for (const res of held) res.destroy();
    agent.destroy();
    server.close();
  }
});
