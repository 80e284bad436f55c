// Challenge: 200 requests, every tenth one for a slow 2 MiB export whose body we do not need.
// Small bodies are cheap to drain and keep the connection; a slow 2 MiB body is cheaper to
// throw away with its connection than to wait for.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const length = Number(res.headers['content-length'] ?? Infinity);
      if (length <= 64 * 1024) {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      } else {
        res.destroy();
        resolve(res.statusCode);
      }
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await get(i % 10 === 0 ? `/export/${i}` : `/items/${i}`);
console.log('200 requests done');
agent.destroy();
