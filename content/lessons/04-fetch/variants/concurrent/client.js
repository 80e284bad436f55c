// 200 fetches at once, every body read to the end: how many connections does undici open?
const base = `http://127.0.0.1:${process.env.PORT}`;

const statuses = await Promise.all(
  Array.from({ length: 200 }, async (_, i) => {
    const res = await fetch(`${base}/small/${i + 1}`);
    await res.arrayBuffer();
    return res.status;
  }),
);
console.log(`${statuses.filter((status) => status === 200).length} of 200 answered 200 OK`);
