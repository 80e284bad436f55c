// A small JSON API that closes idle keep-alive connections after 2 s, to free
// sockets quickly. Node advertises this to clients as `Keep-Alive: timeout=2`.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url }));
});
server.keepAliveTimeout = 2000;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
