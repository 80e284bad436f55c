// 200 fetches of a 65,535-byte body (one byte under 64 KiB). Only the status is checked; the
// body is never read.
const base = `http://127.0.0.1:${process.env.PORT}`;

let ok = 0;
for (let i = 1; i <= 200; i++) {
  const res = await fetch(`${base}/bytes/65535/${i}`);
  if (res.status === 200) ok++;
}
console.log(`${ok} of 200 answered 200 OK`);
