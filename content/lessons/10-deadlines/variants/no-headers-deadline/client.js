// Fetches a report, then checks the service's health. The report has a deadline of 1 s, for its
// headers and its body together.
const base = `http://127.0.0.1:${process.env.PORT}`;
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const cause = (error) => (error.cause ? ` (cause: ${error.cause.code ?? error.cause.name} ${error.cause.message})` : '');

try {
  const res = await fetch(`${base}/report`, { signal: AbortSignal.timeout(1000) });
  console.log(`${seconds()} s: report headers, status ${res.status}`);
  const text = await res.text();
  console.log(`${seconds()} s: report read, ${text.length} bytes`);
} catch (error) {
  console.log(`${seconds()} s: report failed: ${error.name}: ${error.message}${cause(error)}`);
}

// Back off for 2 s, then check the service's health.
await new Promise((resolve) => setTimeout(resolve, 2000));
const health = await fetch(`${base}/health`);
console.log(`${seconds()} s: health ${health.status} ${await health.text()}`);
