// npm start's choices about confinement, with the real start script: room mode starts only
// confined, unless the instructor says --unconfined, and says why when it cannot confine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';

/** Starts `npm start`'s script with a PATH where unshare, nsenter and ip cannot be found. */
async function startWithoutNamespaces(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['src/runner/start.ts', '--no-build', '--port', '0', ...args], {
    env: { PATH: '/nonexistent', HOME: process.env.HOME ?? '/' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const started = new Promise<void>((resolve) => child.stdout.on('data', () => /[Ll]esson code runs/.test(output) && resolve()));
  const exited = once(child, 'exit');
  await Promise.race([started, exited]);
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
    return { code: null, output };
  }
  return { code: child.exitCode, output };
}

test('room mode refuses to start when it cannot confine, and says why and what to do', async () => {
  const { code, output } = await startWithoutNamespaces(['--host', '127.0.0.3']);
  assert.equal(code, 2);
  assert.match(output, /Cannot confine lesson code here: .*(missing|Linux)/);
  assert.match(output, /add --unconfined/);
});

test('with --unconfined it starts, and warns that anyone with the token can run code as you', async () => {
  const { code, output } = await startWithoutNamespaces(['--host', '127.0.0.3', '--unconfined']);
  assert.equal(code, null, output);
  assert.match(output, /WARNING: lesson code runs unconfined/);
});

test('--confine on loopback refuses too when it cannot confine', async () => {
  const { code, output } = await startWithoutNamespaces(['--confine']);
  assert.equal(code, 2);
  assert.match(output, /Start without --confine/);
});

test('room mode names the address to write up first, with the room code beside it, and the firewall hints', async () => {
  const { output } = await startWithoutNamespaces(['--host', '127.0.0.3', '--unconfined']);
  const port = /Address: +http:\/\/127\.0\.0\.3:(\d+)\/\n/.exec(output)?.[1];
  assert.ok(port, output);
  // The first thing said: what to write on the board. The address carries no secret; the code is short.
  assert.match(output, /^Keep-Alive Lab is running in room mode[^\n]*\n\nWrite this on the board for learners:\n {2}Address: +http:\/\/127\.0\.0\.3:\d+\/\n {2}Room code: +[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}\n/);
  assert.match(output, /Learners cannot connect\? Most often a firewall refuses them:/);
  assert.match(output, /macOS: +allow incoming connections for "node"/);
  assert.match(output, /Windows: mark the Wi-Fi network "Private"/);
  assert.match(output, new RegExp(`with ufw, run: sudo ufw allow ${port}/tcp`));
});
