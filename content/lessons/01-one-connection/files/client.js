// Sends 200 requests, one after another, and reads every response to the end.
// `agent: false` gives each request a brand-new connection, used once and closed.
import http from 'node:http';

const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

const started = performance.now();
for (let i = 1; i <= 200; i++) await get(`/items/${i}`);
console.log(`200 requests in ${Math.round(performance.now() - started)} ms`);
