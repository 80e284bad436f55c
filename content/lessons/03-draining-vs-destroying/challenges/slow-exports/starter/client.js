// Challenge: 200 requests, every tenth one for a slow 2 MiB export whose body we do not need.
// Finish within 4 s of the first request, on at most 21 connections. This version destroys every response.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.destroy();
      resolve(res.statusCode);
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await get(i % 10 === 0 ? `/export/${i}` : `/items/${i}`);
console.log('200 requests done');
agent.destroy();
