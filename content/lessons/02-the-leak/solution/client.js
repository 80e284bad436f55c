// Sends 200 requests, one after another, through one keep-alive agent.
// Watch "Open connections" on the meter while it runs.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function getStatus(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      // Read the body to the end, even though we only need the status code:
      // only then does the agent put the socket back in its pool for the next request.
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

let ok = 0;
for (let i = 1; i <= 200; i++) {
  if ((await getStatus(`/items/${i}`)) === 200) ok++;
}
console.log(`${ok} of 200 requests answered 200 OK`);

// Stay around for two seconds so the meter can show what the agent is still holding.
await new Promise((resolve) => setTimeout(resolve, 2000));
agent.destroy();
