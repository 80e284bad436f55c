// Challenge: 200 fetches, at most 10 in flight, on at most 20 connections.
// Ten workers take the next number until none is left: never more than 10 fetches at once.
const base = `http://127.0.0.1:${process.env.PORT}`;

async function status(i) {
  const res = await fetch(`${base}/small/${i}`);
  await res.arrayBuffer();
  return res.status;
}

const statuses = [];
let next = 1;
async function worker() {
  while (next <= 200) statuses.push(await status(next++));
}
await Promise.all(Array.from({ length: 10 }, worker));
console.log(`${statuses.filter((code) => code === 200).length} of 200 answered 200 OK`);
