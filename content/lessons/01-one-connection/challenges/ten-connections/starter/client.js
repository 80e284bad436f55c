// Challenge: 50 requests at once, on at most 10 connections.
// This client starts all 50 requests together, so the agent opens a connection for each.
import http from 'node:http';

const port = Number(process.env.PORT);
const agent = new http.Agent({ keepAlive: true });

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
