// The Go story in Node, closing each response unread (Go before 1.27: Body.Close without
// reading): nothing piles up, but nothing is reused.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function runRequest(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.destroy();
      resolve(res.statusCode);
    }).on('error', reject);
  });
}

for (let i = 1; i <= 300; i++) await runRequest(`/records/${i}`);
console.log('300 records done');
await new Promise((resolve) => setTimeout(resolve, 1500));
agent.destroy();
