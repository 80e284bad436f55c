// The fixed app with headersTimeout below keepAliveTimeout, checked every 100 ms instead of every
// 30 s (connectionsCheckingInterval), so that it would show within the run if it closed a
// connection the proxy still holds.
import http from 'node:http';

const server = http.createServer({ connectionsCheckingInterval: 100 }, (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ order: req.url }));
});
server.keepAliveTimeout = 5000;
server.keepAliveTimeoutBuffer = 0;
server.headersTimeout = 1000;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms, headersTimeout ${server.headersTimeout} ms`);
});
