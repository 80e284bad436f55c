// Challenge: the same 200 requests, now 20 at a time, on at most 20 connections.
// Reading each body to the end frees its connection for the next batch.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function getStatus(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

let ok = 0;
for (let batch = 0; batch < 10; batch++) {
  const paths = Array.from({ length: 20 }, (_, i) => `/items/${batch * 20 + i + 1}`);
  const statuses = await Promise.all(paths.map(getStatus));
  ok += statuses.filter((status) => status === 200).length;
}
console.log(`${ok} of 200 requests answered 200 OK`);
agent.destroy();
