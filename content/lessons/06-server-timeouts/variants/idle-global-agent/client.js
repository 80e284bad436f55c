// Two requests 2.5 s apart through http.globalAgent, whose idle timeout is 5 s:
// the hint can shorten it. The server (keepAliveTimeout 2000) says Keep-Alive: timeout=2.
import http from 'node:http';

const agent = http.globalAgent;
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.reusedSocket));
    });
    req.on('error', reject);
  });
}

await get('/first');
// Longer than the 2 s the server announced, shorter than the 3 s after which it closes.
await new Promise((resolve) => setTimeout(resolve, 2500));
const reused = await get('/second');
console.log(`the second request ${reused ? 'reused' : 'did not reuse'} the connection`);

