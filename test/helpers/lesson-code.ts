// Small lessons for tests: each a real server.js / client.js pair.
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';

export function lesson(server: string, client: string): LessonFile[] {
  return [
    { name: 'server.js', content: server },
    { name: 'client.js', content: client },
  ];
}

/** A server that listens on the port the runner gives it and prints its PID. */
export const LISTENING_SERVER = `
import http from 'node:http';
console.log('pid:' + process.pid);
http.createServer((req, res) => res.end('ok')).listen(process.env.PORT, '127.0.0.1');
`;

/** A client that prints its PID and then never exits. */
export const HANGING_CLIENT = `
console.log('pid:' + process.pid);
setInterval(() => {}, 1000);
`;

export const QUICK_CLIENT = `
const res = await fetch('http://127.0.0.1:' + process.env.PORT + '/');
console.log('status ' + res.status + ' ' + (await res.text()));
`;

/**
 * A client that tries `attempt` (the body of an async function) and prints ALLOWED and its
 * result, or REFUSED and the error's code: for the confinement and room abuse suites.
 */
export const trying = (attempt: string) => `
export {}; // an ES module, so that await below is await
try {
  const result = await (async () => { ${attempt} })();
  console.log('ALLOWED ' + String(result).slice(0, 80));
} catch (error) {
  console.log('REFUSED ' + (error.code ?? error.message));
}
`;
