// The agent check from this lesson, in the usual test setup: the server under test runs in the
// test's own process. getStatuses never reads the bodies.
import assert from 'node:assert/strict';
import http from 'node:http';
import test, { after } from 'node:test';

// The server under test, in this process.
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
after(() => {
  server.closeAllConnections();
  server.close();
});

/** The code under test: fetch the status of `count` items, one after another. */
async function getStatuses(agent, count) {
  const statuses = [];
  for (let i = 1; i <= count; i++) {
    statuses.push(
      await new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: `/items/${i}`, agent }, (res) => {
          resolve(res.statusCode); // The body is never read.
        }).on('error', reject);
      }),
    );
  }
  return statuses;
}

/** How many sockets (or waiting requests) an agent's pool holds, over all origins. */
function countSockets(pool) {
  return Object.values(pool).reduce((sum, list) => sum + (list?.length ?? 0), 0);
}

test('no socket stays busy after the requests are done', async (t) => {
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  await getStatuses(agent, 20);
  // Ask the agent: a socket still in agent.sockets has a response nobody finished; a healthy
  // socket is back in agent.freeSockets, and nothing waits in agent.requests.
  const busy = countSockets(agent.sockets);
  assert.equal(busy, 0, `${busy} sockets still busy: some response was never read to the end`);
  assert.equal(countSockets(agent.requests), 0, 'requests still waiting for a socket');
  assert.equal(countSockets(agent.freeSockets), 1, 'the one connection should be back in the pool');
});
