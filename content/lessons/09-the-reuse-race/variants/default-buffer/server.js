// The starter's server with Node's default keepAliveTimeoutBuffer (1 s): it says
// `Keep-Alive: timeout=2` and closes an idle connection about 3 s after its last response.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ job: req.url }));
});
server.keepAliveTimeout = 2000;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
