// Fetches three jobs, one after another, and waits 2.5 s between them without blocking: the event
// loop is free to run timers and read sockets meanwhile.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.reusedSocket));
    });
    // The error alone does not say whether the connection was reused: copy it over.
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
  });
}

let failed = 0;
for (let job = 1; job <= 3; job++) {
  try {
    const reused = await get(`/jobs/${job}`);
    console.log(`job ${job}: ok (${reused ? 'reused a connection' : 'new connection'})`);
  } catch (error) {
    failed += 1;
    console.log(`job ${job}: ${error.code} ${error.message} (reused a connection: ${error.reusedSocket})`);
  }
  if (job < 3) await new Promise((resolve) => setTimeout(resolve, 2500));
}
agent.destroy();
process.exitCode = failed > 0 ? 1 : 0;
