// 200 requests with no 'response' callback or listener at all: nobody ever looks at the
// response. The request's 'close' event says when it is over.
import http from 'node:http';
import { once } from 'node:events';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

for (let i = 1; i <= 200; i++) {
  const req = http.get({ host: '127.0.0.1', port, path: `/items/${i}`, agent });
  await once(req, 'close');
}
console.log('200 requests done');
agent.destroy();
