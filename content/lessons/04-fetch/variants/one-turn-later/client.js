// 200 fetches, one after another, of a 256 KiB body, each read to the end, and then one turn of
// the event loop (setImmediate) before the next fetch.
const base = `http://127.0.0.1:${process.env.PORT}`;

let ok = 0;
for (let i = 1; i <= 200; i++) {
  const res = await fetch(`${base}/large/${i}`);
  await res.arrayBuffer();
  // By the next turn of the event loop, undici has put the connection back in its pool.
  await new Promise((resolve) => setImmediate(resolve));
  if (res.status === 200) ok++;
}
console.log(`${ok} of 200 answered 200 OK`);
