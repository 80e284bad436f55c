// One request, body drained, then the client stays idle for 5.5 s with the connection
// in its agent's pool, and watches when the server closes it.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const port = Number(process.env.PORT);

await new Promise((resolve, reject) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/once', agent }, (res) => {
    const answered = performance.now();
    res.socket.once('close', () => console.log(`server closed the idle connection ${Math.round(performance.now() - answered)} ms after the response`));
    res.resume();
    res.on('end', resolve);
  });
  req.on('error', reject);
});
await new Promise((resolve) => setTimeout(resolve, 5500));
agent.destroy();
