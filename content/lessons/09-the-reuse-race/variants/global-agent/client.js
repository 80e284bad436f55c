// Fetches three jobs, one after another. Between jobs it first waits 1.2 s for something else
// (a timer here, a database in real life: the event loop is free), then works for 1.3 s synchronously.
// No agent option: the global agent (keepAlive, and an idle timeout of 5 s that the server's
// Keep-Alive hint shortens).
import http from 'node:http';

const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
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
  if (job < 3) {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    work(1300);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
