// A reference answer: retry a GET once when it failed on a reused connection. (Raising the
// server's keepAliveTimeout above 2.5 s passes too, on 1 connection.)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    // The error alone does not say whether the connection was reused: copy it over.
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
  });
}

// Only a GET that failed on a reused connection with ECONNRESET: the server had closed that
// connection before it could read the request, so sending it again is safe.
async function getWithRetry(path) {
  try {
    return await get(path);
  } catch (error) {
    if (!(error.reusedSocket && error.code === 'ECONNRESET')) throw error;
    return get(path);
  }
}

function work(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end); // Busy: no timer, socket or event runs until it returns.
}

let failed = 0;
for (let batch = 1; batch <= 3; batch++) {
  for (let job = 1; job <= 5; job++) {
    try {
      await getWithRetry(`/batches/${batch}/jobs/${job}`);
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
