// A JSON API that closes a keep-alive connection after 2 s without a request. It closes at
// exactly that moment: keepAliveTimeoutBuffer 0 turns off the extra second Node >= 24.6 adds
// (and Node 22.23 has), as most servers that are not Node do. It still sends the
// `Keep-Alive: timeout=2` hint.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ job: req.url }));
});
server.keepAliveTimeout = 2000;
server.keepAliveTimeoutBuffer = 0;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
