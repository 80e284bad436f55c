// A reference answer: the three reports at once, each with its own 1 s deadline. (A shorter
// deadline per report, one after another, passes too.)
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

await Promise.all([1, 2, 3].map(report));
const health = await fetch(`${base}/health`);
console.log(`${seconds()} s: health ${health.status} ${await health.text()}`);
