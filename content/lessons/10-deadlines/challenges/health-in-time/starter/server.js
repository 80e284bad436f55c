// Challenge server: reports 1 and 3 hang after their headers (closed after 6 s); report 2 and
// /health answer at once.
import http from 'node:http';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  res.writeHead(200, { 'content-type': 'text/plain' });
  if (req.url === '/reports/2') return res.end('report 2\n');
  res.write('report, part 1 of 2\n');
  setTimeout(() => res.destroy(), 6000);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
