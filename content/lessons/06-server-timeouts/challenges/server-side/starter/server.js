// Challenge: you own this server, not the client. The client leaks a connection per request and
// then sits on them. Make the server free them: none may still be open 3 s after its last request.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url }));
});
// 0 turns the idle timeout off: a connection nobody uses stays open for as long as the client likes.
server.keepAliveTimeout = 0;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
