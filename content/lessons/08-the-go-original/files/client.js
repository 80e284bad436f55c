// The Go story in Node: a sequential client with one shared keep-alive agent (Go: one
// shared http.Client and Transport), 300 requests, and a response nobody finishes
// (Go: a Body that is never read or closed).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function runRequest(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      resolve(res.statusCode);
    }).on('error', reject);
  });
}

for (let i = 1; i <= 300; i++) await runRequest(`/records/${i}`);
console.log('300 records done');
await new Promise((resolve) => setTimeout(resolve, 1500));
agent.destroy();
