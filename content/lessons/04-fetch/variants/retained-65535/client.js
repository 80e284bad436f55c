// 200 fetches of a 65,535-byte body (one byte under 64 KiB), never read, and every Response kept
// in an array, so garbage collection cannot release any of them.
const base = `http://127.0.0.1:${process.env.PORT}`;

const kept = [];
for (let i = 1; i <= 200; i++) kept.push(await fetch(`${base}/bytes/65535/${i}`));
console.log(`${kept.length} responses kept, bodies unread`);
