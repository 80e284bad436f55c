// Four requests with fetch, 100 ms apart, so that each finds the previous one's connection idle
// in the pool: GET, GET, GET, POST. The server closes every connection under its second request.
// Through undici's RetryAgent, with its default options (the lab lends lesson code undici 7.30).
import { Agent, RetryAgent } from 'undici';

const dispatcher = new RetryAgent(new Agent());
const base = `http://127.0.0.1:${process.env.PORT}`;

let failed = 0;
const jobs = ['GET', 'GET', 'GET', 'POST'];
for (const [index, method] of jobs.entries()) {
  const job = index + 1;
  try {
    const res = await fetch(`${base}/jobs/${job}`, { method, dispatcher, ...(method === 'POST' ? { body: '{}' } : {}) });
    await res.text();
    console.log(`job ${job} (${method}): ok (${res.status})`);
  } catch (error) {
    failed += 1;
    console.log(`job ${job} (${method}): ${error.name}: ${error.message}; cause: ${error.cause?.name} ${error.cause?.code} "${error.cause?.message}"`);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await dispatcher.close();
process.exitCode = failed > 0 ? 1 : 0;
