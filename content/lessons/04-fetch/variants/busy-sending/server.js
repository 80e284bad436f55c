// Every response is a 1 GiB stream, written 64 KiB at a time and only as fast as the client
// reads it. A client that stops reading leaves the response half-written: the connection is
// busy, not idle. keepAliveTimeout is 1 s, plus Node's 1 s buffer.
import http from 'node:http';

const CHUNK = Buffer.alloc(64 * 1024, 'x');
const CHUNKS = 16 * 1024;

const server = http.createServer(async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': CHUNK.length * CHUNKS });
  for (let i = 0; i < CHUNKS && !res.destroyed; i++) {
    // write() returns false when the socket's buffers are full: wait until the client reads.
    if (!res.write(CHUNK)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
});
server.keepAliveTimeout = 1000;

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address(), `keepAliveTimeout ${server.keepAliveTimeout} ms, timeout ${server.timeout} ms`);
});
