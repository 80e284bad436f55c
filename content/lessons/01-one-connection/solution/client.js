// Sends 200 requests, one after another, and reads every response to the end.
// One keep-alive agent hands the same connection from one request to the next.
import http from 'node:http';

const port = Number(process.env.PORT);
const agent = new http.Agent({ keepAlive: true });

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

const started = performance.now();
for (let i = 1; i <= 200; i++) await get(`/items/${i}`);
console.log(`200 requests in ${Math.round(performance.now() - started)} ms`);
agent.destroy();
