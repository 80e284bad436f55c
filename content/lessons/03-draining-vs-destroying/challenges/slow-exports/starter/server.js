// Challenge server: /items/N answers at once with a small JSON body. /export/N is a 2 MiB
// report that streams slowly, 64 KiB every 50 ms: reading it to the end takes 1.6 s.
import http from 'node:http';

const CHUNK = Buffer.alloc(64 * 1024, 'x');
const CHUNKS = 32;

const server = http.createServer((req, res) => {
  if (!req.url.startsWith('/export/')) {
    const body = JSON.stringify({ path: req.url });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': CHUNK.length * CHUNKS });
  let sent = 0;
  const timer = setInterval(() => {
    res.write(CHUNK);
    if (++sent === CHUNKS) {
      clearInterval(timer);
      res.end();
    }
  }, 50);
  // The client may hang up mid-report: stop writing to a closed connection.
  res.on('close', () => clearInterval(timer));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
