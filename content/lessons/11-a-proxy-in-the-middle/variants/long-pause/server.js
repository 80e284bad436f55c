// The app behind the proxy, fixed: it keeps an idle keep-alive connection for 5 s, longer than
// the proxy's 4 s, so the proxy always closes an idle connection first. keepAliveTimeoutBuffer 0
// still turns off the extra second Node adds: 5 s is enough without it.
import http from 'node:http';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ order: req.url }));
});
server.keepAliveTimeout = 5000;
server.keepAliveTimeoutBuffer = 0;
// Above keepAliveTimeout, as load balancer guides advise; the lesson measures what it changes here.
server.headersTimeout = 6000;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms`);
});
