// `npm run bench:watch`: only what `keep-alive-lab watch` costs (see watch-overhead.ts).
import { machine } from './figures.ts';
import { watchOverhead, watchOverheadTable } from './watch-overhead.ts';

const rows = await watchOverhead(Number(process.env.BENCH_REPEATS ?? 5));
console.log(watchOverheadTable(rows));
console.log('\nBudgets (reported, on CPU time per request, paired medians): under watch (the default, stacks sampled) at most 15 % more; under watch --no-stacks at most 5 % more. --all-stacks has no budget: it is the price of a stack for every request.');
const m = machine();
console.log(`\nMachine: ${m.cores} cores, ${m.cpu}, ${m.platform}, Node ${m.node}.`);
