// The getActiveResourcesInfo() check, in the usual test setup: the server under test runs in the
// test's own process. getStatuses drains every body, and still the check fails.
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
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        }).on('error', reject);
      }),
    );
  }
  return statuses;
}

test('no socket stays busy after the requests are done', async (t) => {
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  await getStatuses(agent, 20);
  // Busy sockets keep the process alive and show up here; idle pooled ones do not. But so does
  // this process's server, which holds its own side of every connection.
  const busy = process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;
  assert.equal(busy, 0, `${busy} sockets keep the process alive`);
});
