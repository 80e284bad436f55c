// Challenge: 50 requests through a pool of 5; every fifth one fails with 503. All 50 must be
// answered within 3 s, on at most 5 connections. An error response has a body too: read it
// (or throw it away with resume()) before giving up, or its connection never comes back.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 5 });
const port = Number(process.env.PORT);
const started = performance.now();

function getItem(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${path}: HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
  });
}

let failed = 0;
for (let i = 1; i <= 50; i++) {
  try {
    await getItem(`/items/${i}`);
  } catch {
    failed++;
  }
}
console.log(`50 requests in ${Math.round(performance.now() - started)} ms, ${failed} failed`);
agent.destroy();
