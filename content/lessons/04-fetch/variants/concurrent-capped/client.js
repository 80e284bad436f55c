// 200 fetches at once, every body read to the end, through an undici Agent that allows at most 10
// connections to an origin. The Agent comes from the undici package, which the lab lends lesson code.
import { Agent } from 'undici';

const dispatcher = new Agent({ connections: 10 });
const base = `http://127.0.0.1:${process.env.PORT}`;

const statuses = await Promise.all(
  Array.from({ length: 200 }, async (_, i) => {
    const res = await fetch(`${base}/small/${i + 1}`, { dispatcher });
    await res.arrayBuffer();
    return res.status;
  }),
);
console.log(`${statuses.filter((status) => status === 200).length} of 200 answered 200 OK`);
await dispatcher.close();
