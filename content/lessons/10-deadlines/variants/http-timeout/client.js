// The report with node:http and `timeout: 1000`: the socket's idle timeout. When nothing arrives
// for 1 s, 'timeout' fires and the client gives up on the request itself (Node does not).
import http from 'node:http';

const port = Number(process.env.PORT);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

function get(path, options = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, ...options }, (res) => {
      console.log(`${seconds()} s: ${path} headers, status ${res.statusCode}`);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`nothing arrived for ${options.timeout} ms`)));
    req.on('error', reject);
  });
}

try {
  const text = await get('/report', { timeout: 1000 });
  console.log(`${seconds()} s: report read, ${text.length} bytes`);
} catch (error) {
  console.log(`${seconds()} s: report failed: ${error.name}: ${error.message}`);
}
// Back off for 2 s, then check the service's health.
await new Promise((resolve) => setTimeout(resolve, 2000));
console.log(`${seconds()} s: health ${await get('/health')}`);
