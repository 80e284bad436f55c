// The leak from lesson 2, against the server with keepAliveTimeout 2 s: bodies never read.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function getStatus(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => resolve(res.statusCode));
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await getStatus(`/items/${i}`);
console.log('200 requests done; holding for 4 s');
await new Promise((resolve) => setTimeout(resolve, 4000));
agent.destroy();
