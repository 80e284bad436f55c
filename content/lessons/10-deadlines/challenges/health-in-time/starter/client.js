// Challenge: three reports, each with a 1 s deadline, one after another; then a health check.
// Two reports hang, so the health check arrives 2 s after the first request. Make it arrive
// within 1.5 s, with all three reports still requested.
const base = `http://127.0.0.1:${process.env.PORT}`;
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

async function report(n) {
  try {
    const res = await fetch(`${base}/reports/${n}`, { signal: AbortSignal.timeout(1000) });
    const text = await res.text();
    console.log(`${seconds()} s: report ${n}: ${text.trim()}`);
  } catch (error) {
    console.log(`${seconds()} s: report ${n} failed: ${error.name}`);
  }
}

for (const n of [1, 2, 3]) await report(n);
const health = await fetch(`${base}/health`);
console.log(`${seconds()} s: health ${health.status} ${await health.text()}`);
