// 10 requests, one after another, through an agent that allows at most 5 connections.
// Every body is drained. Each line shows when a request got its response.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 5 });
const port = Number(process.env.PORT);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

// Give up after 9 s rather than wait forever.
setTimeout(() => {
  console.log(`${seconds()} s: still waiting; giving up`);
  process.exit(1);
}, 9000).unref();

function getStatus(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume(); // Drain the body: the socket goes back to the pool on end.
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 10; i++) {
  await getStatus(`/items/${i}`);
  console.log(`${seconds()} s: request ${i} answered`);
}
agent.destroy();
