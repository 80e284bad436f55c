// `npm run bench:isolation`: only the isolation worker's figures (isolation-figures.ts), against
// the deploy build (run `npm run build:base` first).
import { launchBrowser } from './browser.ts';
import { machine, markdownTable, summarise } from './figures.ts';
import { isolationFigures } from './isolation-figures.ts';

const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const browser = await launchBrowser();
try {
  const figures = await isolationFigures(browser, repeats);
  console.log(markdownTable(figures.map(summarise)));
} finally {
  await browser.close();
}
const m = machine();
console.log(`\nMachine: ${m.cores} cores, ${m.cpu}, ${m.platform}, Node ${m.node}. Medians of ${repeats}.`);
