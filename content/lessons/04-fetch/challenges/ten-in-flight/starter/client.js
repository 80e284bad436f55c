// Challenge: 200 fetches, at most 10 in flight, on at most 20 connections.
// This version starts all 200 at once, and fetch opens a connection for each.
const base = `http://127.0.0.1:${process.env.PORT}`;

async function status(i) {
  const res = await fetch(`${base}/small/${i}`);
  await res.arrayBuffer();
  return res.status;
}

const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => status(i + 1)));
console.log(`${statuses.filter((code) => code === 200).length} of 200 answered 200 OK`);
