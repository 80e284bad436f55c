// Challenge server: every fifth item is "temporarily unavailable" (503, with a short body).
import http from 'node:http';

const server = http.createServer((req, res) => {
  const item = Number(req.url.split('/').pop());
  const unavailable = item % 5 === 0;
  const body = JSON.stringify(unavailable ? { error: 'try again later' } : { path: req.url });
  res.writeHead(unavailable ? 503 : 200, { 'content-type': 'application/json' });
  res.end(body);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
