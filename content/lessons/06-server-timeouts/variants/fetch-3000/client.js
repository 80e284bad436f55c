// 50 fetches, one after another, every body read to the end. Node's fetch (undici) keeps its
// own pool and reads the server's Keep-Alive hint its own way.
const base = `http://127.0.0.1:${process.env.PORT}`;
let hint;

for (let i = 1; i <= 50; i++) {
  const res = await fetch(`${base}/items/${i}`);
  hint = res.headers.get('keep-alive');
  await res.arrayBuffer();
}
console.log(`server said Keep-Alive: ${hint}; 50 fetches done`);
