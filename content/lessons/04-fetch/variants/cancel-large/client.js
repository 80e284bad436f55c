// 200 fetches of a 256 KiB body. Each body is cancelled as soon as the headers arrive.
const base = `http://127.0.0.1:${process.env.PORT}`;

let ok = 0;
for (let i = 1; i <= 200; i++) {
  const res = await fetch(`${base}/large/${i}`);
  await res.body.cancel();
  if (res.status === 200) ok++;
}
console.log(`${ok} of 200 answered 200 OK`);
