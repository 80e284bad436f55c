// 200 requests, one after another, through a keep-alive agent, every body drained.
// req.reusedSocket tells whether a request went out on a connection used before.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);
let reused = 0;
let hint;

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      hint = res.headers['keep-alive'];
      if (req.reusedSocket) reused++;
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await get(`/items/${i}`);
console.log(`server said Keep-Alive: ${hint}; ${reused} of 200 requests reused a connection`);
agent.destroy();
