// Challenge: three batches of five jobs, with 2.5 s of synchronous work between batches. Now and
// then a job fails with "socket hang up". Make all 15 succeed (the client then exits 0), without
// giving up reuse: at most 3 connections, one per batch.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

function work(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end); // Busy: no timer, socket or event runs until it returns.
}

let failed = 0;
for (let batch = 1; batch <= 3; batch++) {
  for (let job = 1; job <= 5; job++) {
    try {
      await get(`/batches/${batch}/jobs/${job}`);
    } catch (error) {
      failed += 1;
      console.log(`batch ${batch}, job ${job}: ${error.code} ${error.message}`);
    }
  }
  console.log(`batch ${batch} done`);
  if (batch < 3) work(2500);
}
console.log(`${failed} of 15 jobs failed`);
agent.destroy();
process.exitCode = failed > 0 ? 1 : 0;
