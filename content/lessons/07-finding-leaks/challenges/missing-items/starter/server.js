// Challenge server: items 1 to 100 exist; any higher number is 404 Not Found, with a JSON body.
import http from 'node:http';

const server = http.createServer((req, res) => {
  const item = Number(req.url.split('/').pop());
  const found = item >= 1 && item <= 100;
  res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(found ? { path: req.url } : { error: `no item ${item}` }));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log('listening on', server.address());
});
