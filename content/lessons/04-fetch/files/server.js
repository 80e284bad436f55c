// Answers /small/N with a 50-byte JSON body, /large/N with 256 KiB of text, and
// /bytes/SIZE/N with SIZE bytes of text.
import http from 'node:http';

const large = 'x'.repeat(256 * 1024);

const server = http.createServer((req, res) => {
  const [, kind, size] = req.url.split('/');
  let body = JSON.stringify({ ok: true, path: req.url }).padEnd(50);
  if (kind === 'large') body = large;
  if (kind === 'bytes') body = 'x'.repeat(Number(size));
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
