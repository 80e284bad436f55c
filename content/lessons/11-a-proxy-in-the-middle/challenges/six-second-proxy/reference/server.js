// The app behind a proxy that keeps idle connections for 6 s. The app keeps them for 7 s, and Node
// adds a second (keepAliveTimeoutBuffer, 1000 ms by default): the proxy always closes first.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ order: req.url }));
});
server.keepAliveTimeout = 7000;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms + ${server.keepAliveTimeoutBuffer} ms`);
});
