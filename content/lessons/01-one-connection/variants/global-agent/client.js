// 200 requests with no agent option at all: Node's http.globalAgent carries them.
import http from 'node:http';

const port = Number(process.env.PORT);

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

for (let i = 1; i <= 200; i++) await get(`/items/${i}`);
console.log('200 requests done');
http.globalAgent.destroy();
