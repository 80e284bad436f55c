// Users reach the app (server.js) through a proxy, as they would through a load balancer. Like one,
// the proxy keeps idle connections to the app in a pool for its own idle timeout (4 s here), and
// reads no Keep-Alive hint. It spends 1 s of synchronous work on each request before forwarding it,
// a stand-in for all the other traffic a real one serves: while it works, it cannot see the app
// close a connection.
import { once } from 'node:events';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const PROXY_IDLE_TIMEOUT_MS = 4000;
const app = { host: '127.0.0.1', port: Number(process.env.PORT) };

const idleSince = new WeakMap(); // connection to the app -> when it last went idle

class ProxyPool extends http.Agent {
  // Called when a connection to the app goes idle: keep it for the proxy's timeout, whatever the app says.
  keepSocketAlive(socket) {
    idleSince.set(socket, performance.now());
    socket.setTimeout(PROXY_IDLE_TIMEOUT_MS); // The agent closes an idle connection that times out.
    return true;
  }
}
const pool = new ProxyPool({ keepAlive: true });

const proxy = http.createServer(async (req, res) => {
  work(1000);
  try {
    const answer = await forward(req);
    res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] });
    answer.pipe(res);
  } catch (error) {
    const on = error.reusedSocket ? `a connection idle for ${error.idleMs} ms` : 'a new connection';
    console.log(`  proxy: ${error.code} from the app on ${on}: answering 502`);
    res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway\n');
  }
});
proxy.listen(0, '127.0.0.1');
await once(proxy, 'listening');
const proxyAddress = /** @type {import('node:net').AddressInfo} */ (proxy.address());

function forward(req) {
  return new Promise((resolve, reject) => {
    const upstream = http.request({ ...app, method: req.method, path: req.url, agent: pool }, resolve);
    upstream.on('error', (error) => {
      const idleMs = Math.round(performance.now() - idleSince.get(upstream.socket));
      reject(Object.assign(error, { reusedSocket: upstream.reusedSocket, idleMs }));
    });
    req.pipe(upstream);
  });
}

// Four users, one after another, each 1.5 s after the previous one got its answer; the last
// comes 4.5 s after, when the proxy has closed its idle connection.
let badGateways = 0;
for (let user = 1; user <= 4; user++) {
  const status = await get(`/orders/${user}`);
  console.log(`user ${user}: ${status}`);
  if (status === 502) badGateways += 1;
  if (user < 4) await sleep(user < 3 ? 1500 : 4500);
}
proxy.close();
pool.destroy();
process.exitCode = badGateways > 0 ? 1 : 0;

function get(path) {
  return new Promise((resolve, reject) => {
    // agent: false: each user comes on a connection of their own.
    http.get({ host: '127.0.0.1', port: proxyAddress.port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

function work(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end); // Busy: no timer, socket or event runs until it returns.
}
