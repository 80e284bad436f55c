// The app behind the proxy. It closes a keep-alive connection after 2 s without a request, at
// exactly 2 s: keepAliveTimeoutBuffer 0 turns off the extra second Node adds. The proxy in front
// of it (in client.js) keeps idle connections for 4 s.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ order: req.url }));
});
server.keepAliveTimeout = 2000;
server.keepAliveTimeoutBuffer = 0;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
