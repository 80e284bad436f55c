// 200 fetches of a 256 KiB body, never read, and every Response kept in an array, so
// garbage collection cannot release any of them. Then the client waits 8 s.
const base = `http://127.0.0.1:${process.env.PORT}`;

const kept = [];
for (let i = 1; i <= 200; i++) kept.push(await fetch(`${base}/large/${i}`));
console.log(`${kept.length} responses kept, bodies unread`);
await new Promise((resolve) => setTimeout(resolve, 8000));
console.log(`still holding ${kept.length} responses`);
