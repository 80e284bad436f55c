// Answers the first request of each connection, then closes the connection under the second
// one without answering: what a server that closed an idle connection does to a request that
// arrives on it a moment too late, made certain. Every request that arrives is counted.
import http from 'node:http';

const served = new WeakMap(); // socket -> requests served on it

const server = http.createServer((req, res) => {
  served.set(req.socket, (served.get(req.socket) ?? 0) + 1);
  if (served.get(req.socket) === 2) return req.socket.destroy();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ job: req.url }));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
