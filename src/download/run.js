// Runs this lesson on your machine, the way Keep-Alive Lab does: server.js first (with the
// socket meter loaded), then client.js with the port the server got, and the server's
// connection counts printed as they change. Needs Node 20.6 or later.   Usage: node run.js
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const meter = new URL('./.lab/meter.js', import.meta.url).href;
const start = (file, env) =>
  spawn(process.execPath, ['--import', meter, file], {
    env: { ...process.env, ...env, KAL_METER_FD: '3' },
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
  });

// The meter's own peak, counted exactly at each connection: the open count in a sample is only
// what was open at that instant, and connections that open and close between two samples
// (100 ms apart) never appear in one.
let peak = 0;
let last = '';
let client;
const server = start('server.js', { PORT: '0' });
createInterface({ input: server.stdio[3] }).on('line', (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (message.type === 'listening' && !client) {
    client = start('client.js', { PORT: String(message.port) });
    client.on('exit', (code) => {
      // One more sampling tick, so the last counts arrive, then stop the server.
      setTimeout(() => {
        console.log(`[meter]  client exited with code ${code}; peak ${peak} open connections`);
        server.kill();
      }, 250);
    });
  }
  if (message.type === 'sample') {
    const { open, accepted, requests } = message.server;
    peak = Math.max(peak, open, message.server.peak ?? 0);
    const now = `open ${open}, accepted ${accepted}, requests ${requests}`;
    if (now !== last) console.log(`[meter]  ${now}`);
    last = now;
  }
});
server.on('exit', () => client?.kill());
