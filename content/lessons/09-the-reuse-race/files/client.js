// Fetches three jobs, one after another, and works on each for 2.5 s before asking for the next.
// The work is synchronous (parsing, hashing, rendering): the event loop does nothing else meanwhile.
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

function work(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end); // Busy: no timer, socket or event runs until it returns.
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
  if (job < 3) work(2500);
}
agent.destroy();
process.exitCode = failed > 0 ? 1 : 0;
