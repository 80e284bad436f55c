// The report service, hung earlier: GET /report reads the request and never answers, not even
// with headers. GET /health answers at once. After 6 s the server gives up and closes.
import http from 'node:http';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  setTimeout(() => res.destroy(), 6000);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
