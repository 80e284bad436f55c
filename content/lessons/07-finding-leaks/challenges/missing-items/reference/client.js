// Challenge: getStatuses now drains successful responses, and both tests pass. But items above
// 100 are 404s, and nothing tests them. Add a test that sends 20 requests for missing items
// through getStatuses and checks the connections, watch it fail, then fix getStatuses.
import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import test from 'node:test';

const port = Number(process.env.PORT);

/** The code under test: fetch the status of `count` items from `first` on, one after another. */
async function getStatuses(agent, count, first = 1) {
  const statuses = [];
  for (let i = first; i < first + count; i++) {
    statuses.push(
      await new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: `/items/${i}`, agent }, (res) => {
          // Every response, found or not, is read to the end.
          res.resume();
          res.on('end', () => resolve(res.statusCode));
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

// Count every TCP connection this process opens, from the moment it opens.
let opened = 0;
diagnosticsChannel.subscribe('net.client.socket', () => opened++);

test('20 sequential requests use one connection', async (t) => {
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  opened = 0;
  await getStatuses(agent, 20);
  assert.equal(opened, 1, `opened ${opened} connections for 20 sequential requests`);
});

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

test('20 requests for missing items use one connection too', async (t) => {
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  opened = 0;
  const statuses = await getStatuses(agent, 20, 101);
  assert.ok(statuses.every((status) => status === 404));
  assert.equal(opened, 1, `opened ${opened} connections for 20 requests that were answered 404`);
});
