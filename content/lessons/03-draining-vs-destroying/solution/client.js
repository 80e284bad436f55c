// 200 requests through one keep-alive agent. The bodies are not needed, so each is
// drained: read to the end and thrown away, which hands the socket back to the agent.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await get(`/items/${i}`);
console.log('200 requests done');
agent.destroy();
