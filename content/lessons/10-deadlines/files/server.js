// A report service that hangs. GET /report sends its headers and the first line at once, then
// nothing more: the database behind it has stalled. GET /health answers at once.
// After 6 s the server gives up on a stalled report and closes its connection, so that no run
// of this lesson waits for ever. Real hangs have no such limit.
import http from 'node:http';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('report, part 1 of 2\n');
  setTimeout(() => res.destroy(), 6000);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
