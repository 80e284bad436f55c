// Sends three jobs with POST, one after another, and works for 2.5 s after each. It has the
// solution's retry, which retries only idempotent methods, as it must.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.reusedSocket));
    });
    // The error alone does not say whether the connection was reused: copy it over.
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
}

// The client cannot know whether a POST that failed was processed: a server may read a request,
// act on it, and close before answering. Sending it again could do the work twice.
async function sendWithRetry(method, path, body) {
  try {
    return await send(method, path, body);
  } catch (error) {
    if (!(error.reusedSocket && error.code === 'ECONNRESET' && IDEMPOTENT.has(method))) throw error;
    console.log(`${path}: ${error.message} on a reused connection; retrying once`);
    return send(method, path, body);
  }
}

function work(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end); // Busy: no timer, socket or event runs until it returns.
}

let failed = 0;
for (let job = 1; job <= 3; job++) {
  try {
    const reused = await sendWithRetry('POST', '/jobs', JSON.stringify({ job }));
    console.log(`job ${job}: ok (${reused ? 'reused a connection' : 'new connection'})`);
  } catch (error) {
    failed += 1;
    console.log(`job ${job}: ${error.code} ${error.message} (reused a connection: ${error.reusedSocket})`);
  }
  if (job < 3) work(2500);
}
agent.destroy();
process.exitCode = failed > 0 ? 1 : 0;
