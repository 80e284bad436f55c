// Challenge: Go's Transport keeps at most 2 idle connections per host (DefaultMaxIdleConnsPerHost).
// This client sends 300 requests in 30 bursts of 10 at once (Go: 10 goroutines and a WaitGroup),
// through an agent that keeps idle connections the same way, with maxFreeSockets: 2.
// Every body is read to the end, yet connections churn. Make 300 requests use at most 10.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 2 });
const port = Number(process.env.PORT);

function runRequest(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

for (let burst = 0; burst < 30; burst++) {
  await Promise.all(Array.from({ length: 10 }, (_, i) => runRequest(`/records/${burst * 10 + i + 1}`)));
}
console.log('300 records done');
agent.destroy();
