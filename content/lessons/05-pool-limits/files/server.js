// A small JSON API with Node's default keepAliveTimeout (5 s): it closes a connection
// that has been idle for that long.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url }));
});

server.listen(process.env.PORT, '127.0.0.1', () => {
  console.log(`listening on port ${server.address().port}, keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
