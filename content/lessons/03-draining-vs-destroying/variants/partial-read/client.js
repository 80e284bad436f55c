// 200 requests for large bodies. The client reads the first chunk of each (say, to look
// at a header line), then stops reading and moves on.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function peek(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.once('data', (chunk) => {
        res.pause(); // Seen enough: stop reading the rest of the body.
        resolve(chunk.length);
      });
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await peek(`/large/${i}`);
console.log('200 requests done');
// Stay around for a second so the meter can show what the agent is still holding.
await new Promise((resolve) => setTimeout(resolve, 1000));
agent.destroy();
