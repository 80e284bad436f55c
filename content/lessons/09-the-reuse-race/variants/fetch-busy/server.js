// The same API, closing idle connections after 4 s (exactly: keepAliveTimeoutBuffer 0). fetch
// subtracts 2 s from the `Keep-Alive: timeout=4` hint, so it keeps connections for 2 s.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ job: req.url }));
});
server.keepAliveTimeout = 4000;
server.keepAliveTimeoutBuffer = 0;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
