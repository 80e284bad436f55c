// The client you cannot change: 50 requests, bodies never read, then it holds on for 5 s.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function getStatus(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => resolve(res.statusCode));
    req.on('error', reject);
  });
}

for (let i = 1; i <= 50; i++) await getStatus(`/items/${i}`);
console.log('50 requests done; holding for 5 s');
await new Promise((resolve) => setTimeout(resolve, 5000));
agent.destroy();
