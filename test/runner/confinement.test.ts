// Confined runs (src/runner/confinement.ts), tried from inside lesson code: each attempt fails
// inside the run with Node's or the kernel's own error, the learner gets a notice saying why, and
// nothing outside the run folder changes. The room-mode abuse suite builds on these.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkConfinement } from '../../src/runner/confinement.ts';
import { runLesson } from '../../src/runner/run-lesson.ts';
import type { RunEvent } from '../../src/schemas/run-events.ts';
import { LISTENING_SERVER, lesson, trying } from '../helpers/lesson-code.ts';

const confinement = checkConfinement();
const outside = mkdtempSync(join(tmpdir(), 'kal-outside-'));
const marker = join(outside, 'instructor-secret.txt');
writeFileSync(marker, 'the instructor’s secret');
after(() => rmSync(outside, { recursive: true, force: true }));

async function confinedRun(client: string) {
  const events: RunEvent[] = [];
  const end = await runLesson({ files: lesson(LISTENING_SERVER, client), signal: AbortSignal.timeout(20_000), onEvent: (e) => events.push(e), confine: true });
  const output = events.flatMap((e) => (e.type === 'output' && e.process === 'client' ? [e.text] : [])).join('');
  const notices = events.flatMap((e) => (e.type === 'notice' ? [e.text] : []));
  return { end, output, notices };
}


describe('confined runs', { skip: confinement.ok ? false : `confinement is not available here: ${confinement.reason}` }, () => {
  test('on Linux, confinement is available (CI runs Linux)', () => {
    assert.ok(confinement.ok || process.platform !== 'linux');
  });

  test('reading a file outside the run folder is refused, with a notice for the learner', async () => {
    const { output, notices } = await confinedRun(trying(`return (await import('node:fs')).readFileSync(${JSON.stringify(marker)}, 'utf8');`));
    assert.match(output, /REFUSED ERR_ACCESS_DENIED/);
    assert.ok(notices.some((text) => /confined\. Lesson code may read and write only its own folder/.test(text)), notices.join('\n'));
  });

  test('writing outside the run folder is refused, and nothing is written', async () => {
    const target = join(outside, 'written-by-lesson.txt');
    const { output } = await confinedRun(trying(`(await import('node:fs')).writeFileSync(${JSON.stringify(target)}, 'x'); return 'written';`));
    assert.match(output, /REFUSED ERR_ACCESS_DENIED/);
    assert.equal(existsSync(target), false);
    assert.equal(readFileSync(marker, 'utf8'), 'the instructor’s secret');
  });

  test('listing the home folder is refused', async () => {
    const { output } = await confinedRun(trying(`return (await import('node:fs')).readdirSync(${JSON.stringify(homedir())}).length;`));
    assert.match(output, /REFUSED ERR_ACCESS_DENIED/);
  });

  test('its own folder is readable and writable', async () => {
    const { output } = await confinedRun(trying(`const fs = await import('node:fs'); fs.writeFileSync('note.txt', 'ok'); return fs.readFileSync('note.txt', 'utf8');`));
    assert.match(output, /ALLOWED ok/);
  });

  test('starting a shell, a worker or a native addon is refused', async () => {
    for (const attempt of [
      `return (await import('node:child_process')).execSync('id').toString();`,
      `const { Worker } = await import('node:worker_threads'); new Worker('setTimeout(() => {}, 10)', { eval: true }); return 'worker';`,
      // A file the addon loader would open: refused before it is even read.
      `(await import('node:fs')).writeFileSync('addon.node', ''); const { createRequire } = await import('node:module'); return createRequire(import.meta.url)('./addon.node');`,
    ]) {
      const { output } = await confinedRun(trying(attempt));
      assert.match(output, /REFUSED (ERR_ACCESS_DENIED|ERR_DLOPEN_DISABLED)/, attempt);
    }
  });

  test('filling the run folder stops at its cap, with ENOSPC and a notice; the disk does not fill', async () => {
    const { output, notices } = await confinedRun(
      trying(`
        const fs = await import('node:fs');
        const chunk = Buffer.alloc(1024 * 1024);
        for (let i = 0; i < 200; i++) fs.appendFileSync('filler.bin', chunk);
        return '200 MiB written';`),
    );
    assert.match(output, /REFUSED ENOSPC/);
    assert.ok(notices.some((text) => /folder is full: a confined run may write at most 64 MiB/.test(text)), notices.join('\n'));
  });

  test('an address other than loopback is unreachable; the run’s own server is reachable', async () => {
    const { output, notices } = await confinedRun(
      trying(`
        const net = await import('node:net');
        const reach = (host, port) => new Promise((resolve, reject) => {
          const socket = net.connect({ host, port }).once('error', reject).once('connect', () => {
            socket.destroy();
            resolve('connected');
          });
        });
        await reach('127.0.0.1', Number(process.env.PORT));
        return reach('10.231.125.1', 80);`),
    );
    assert.match(output, /REFUSED ENETUNREACH/);
    assert.ok(notices.some((text) => /confined to its own loopback network/.test(text)), notices.join('\n'));
  });
});
