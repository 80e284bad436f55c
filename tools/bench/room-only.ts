// `npm run bench:room`: only the room figure (see room.ts), for both designs, in about a minute.
import { machine } from './figures.ts';
import { roomFigures, roomTable } from './room.ts';

const root = new URL('../..', import.meta.url).pathname;
const rows = await roomFigures(root);
console.log(roomTable(rows));
const m = machine();
console.log(`\nMachine: ${m.cores} cores, ${m.cpu}, ${m.platform}, Node ${m.node}.`);
