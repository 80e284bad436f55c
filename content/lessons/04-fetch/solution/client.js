// 200 fetches, one after another, of a 256 KiB body, each read to the end.
const base = `http://127.0.0.1:${process.env.PORT}`;

let ok = 0;
for (let i = 1; i <= 200; i++) {
  const res = await fetch(`${base}/large/${i}`);
  await res.arrayBuffer(); // Read the body to the end, even though we do not need it.
  if (res.status === 200) ok++;
}
console.log(`${ok} of 200 answered 200 OK`);
