// The report with node:http and a deadline: `signal: AbortSignal.timeout(1000)` aborts the request,
// and its response, 1 s after it starts, however the bytes arrive.
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
    req.on('error', reject);
  });
}

try {
  const text = await get('/report', { signal: AbortSignal.timeout(1000) });
  console.log(`${seconds()} s: report read, ${text.length} bytes`);
} catch (error) {
  console.log(`${seconds()} s: report failed: ${error.name}: ${error.message}`);
}
// Back off for 2 s, then check the service's health.
await new Promise((resolve) => setTimeout(resolve, 2000));
console.log(`${seconds()} s: health ${await get('/health')}`);
