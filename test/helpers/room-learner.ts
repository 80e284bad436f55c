// A learner's page, played by a process inside a network namespace (see test/runner/room-abuse.test.ts):
// it opens the lab by the laptop's room address with the token, sends one run, and prints what a
// page would show, as JSON. With `probe`, it also tries to connect to the port the run's server
// listens on, at the laptop's room address, while the run is going.
import net from 'node:net';
import WebSocket from 'ws';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';
import type { RunnerMessage } from '../../src/schemas/runner-protocol.ts';

interface Order {
  host: string;
  port: number;
  token: string;
  files: LessonFile[];
  probe?: boolean;
}

const order = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as Order;
const origin = `http://${order.host}:${order.port}`;
const socket = new WebSocket(`ws://${order.host}:${order.port}/api/runner`, { headers: { origin, cookie: `keep-alive-lab-token=${order.token}` } });
const messages: RunnerMessage[] = [];
let probe = 'not tried';

const done = new Promise<void>((resolve, reject) => {
  socket.once('error', reject);
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as RunnerMessage;
    messages.push(message);
    if (message.type === 'hello') socket.send(JSON.stringify({ type: 'run', runId: 'abuse', files: order.files }));
    if (message.type === 'phase' && message.phase === 'starting-client' && order.probe && message.port) {
      const attempt = net.connect({ host: order.host, port: message.port });
      attempt.once('connect', () => {
        probe = `connected to ${order.host}:${message.port}`;
        attempt.destroy();
      });
      attempt.once('error', (error: NodeJS.ErrnoException) => (probe = `${error.code} at ${order.host}:${message.port}`));
    }
    if (message.type === 'end' || message.type === 'refused') resolve();
  });
});
const timeout = setTimeout(() => {
  console.log(JSON.stringify({ error: 'no end within 30 s', messages }));
  process.exit(1);
}, 30_000);
await done;
clearTimeout(timeout);
socket.close();
const output = messages.flatMap((m) => (m.type === 'output' && m.process === 'client' ? [m.text] : [])).join('');
const notices = messages.flatMap((m) => (m.type === 'notice' ? [m.text] : []));
const end = messages.find((m) => m.type === 'end' || m.type === 'refused');
console.log(JSON.stringify({ output, notices, end, probe }));
