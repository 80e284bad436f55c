#!/usr/bin/env node
// keep-alive-lab: the lab's instruments on your own code. One command so far: watch.
import { watch } from '../src/watch/watch.js';
import { USAGE } from '../src/watch/args.js';

const [verb, ...rest] = process.argv.slice(2);
if (verb === 'watch') process.exitCode = await watch(rest);
else {
  process.stderr.write(verb && verb !== '--help' && verb !== '-h' ? `keep-alive-lab: unknown command "${verb}".\n\n${USAGE}\n` : `${USAGE}\n`);
  process.exitCode = verb && verb !== '--help' && verb !== '-h' ? 2 : 0;
}
