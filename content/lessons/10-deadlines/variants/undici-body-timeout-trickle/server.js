// A report that trickles: headers at once, then one byte every 0.4 s, and the end after 6 s. The
// connection is never idle for long, yet the report takes 6 s.
import http from 'node:http';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  res.writeHead(200, { 'content-type': 'text/plain' });
  const trickle = setInterval(() => res.write('.'), 400);
  setTimeout(() => {
    clearInterval(trickle);
    res.end('\n');
  }, 6000);
  res.on('close', () => clearInterval(trickle));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
