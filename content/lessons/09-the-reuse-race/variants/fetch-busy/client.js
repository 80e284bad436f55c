// The starter's client with fetch: three jobs, and 4.5 s of synchronous work after each, across
// the moment the server closes the idle connection (4 s).
const base = `http://127.0.0.1:${process.env.PORT}`;

function work(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end); // Busy: no timer, socket or event runs until it returns.
}

let failed = 0;
for (let job = 1; job <= 3; job++) {
  try {
    const res = await fetch(`${base}/jobs/${job}`);
    await res.text();
    console.log(`job ${job}: ok (${res.status})`);
  } catch (error) {
    failed += 1;
    console.log(`job ${job}: ${error.message}: ${error.cause?.code} ${error.cause?.message}`);
  }
  if (job < 3) work(4500);
}
process.exitCode = failed > 0 ? 1 : 0;
