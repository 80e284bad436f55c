// 10 fetches of a 1 GiB body, never read, every Response kept. The client holds them for 4 s,
// then exits.
const base = `http://127.0.0.1:${process.env.PORT}`;

const kept = [];
for (let i = 1; i <= 10; i++) kept.push(await fetch(`${base}/huge/${i}`));
console.log(`${kept.length} responses kept, bodies unread`);
await new Promise((resolve) => setTimeout(resolve, 4000));
console.log(`still holding ${kept.length} responses; exiting`);
// Sockets with unread bodies would keep the process alive: leave explicitly.
process.exit(0);
