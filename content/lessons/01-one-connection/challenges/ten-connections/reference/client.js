// Challenge: 50 requests at once, on at most 10 connections.
// maxSockets caps the connections per host; requests beyond it wait in the agent's queue.
import http from 'node:http';

const port = Number(process.env.PORT);
const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

const paths = Array.from({ length: 50 }, (_, i) => `/items/${i + 1}`);
const statuses = await Promise.all(paths.map(get));
console.log(`${statuses.filter((status) => status === 200).length} of 50 answered 200 OK`);
agent.destroy();
