// Fetches a report, then checks the service's health, through an undici Agent that gives up when
// the headers take more than 1 s (headersTimeout) or the body sends nothing for 1 s (bodyTimeout).
// The Agent comes from the undici package (the lab lends lesson code its copy; see the lesson).
import { Agent } from 'undici';

const dispatcher = new Agent({ headersTimeout: 1000, bodyTimeout: 1000 });
const base = `http://127.0.0.1:${process.env.PORT}`;
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const cause = (error) => (error.cause ? ` (cause: ${error.cause.code ?? error.cause.name} ${error.cause.message})` : '');

try {
  const res = await fetch(`${base}/report`, { dispatcher });
  console.log(`${seconds()} s: report headers, status ${res.status}`);
  const text = await res.text();
  console.log(`${seconds()} s: report read, ${text.length} bytes`);
} catch (error) {
  console.log(`${seconds()} s: report failed: ${error.name}: ${error.message}${cause(error)}`);
}

// Back off for 2 s, then check the service's health.
await new Promise((resolve) => setTimeout(resolve, 2000));
const health = await fetch(`${base}/health`, { dispatcher });
console.log(`${seconds()} s: health ${health.status} ${await health.text()}`);
await dispatcher.close();
