// The Node binaries of the supported lines (src/schemas/node-lines.ts): the pinned one is the
// Node the tests run on (npm scripts use the npm `node` package); the others are devDependencies
// installed side by side as aliases (node22@npm:node@22…, node24@npm:node@24…). Line 20 is here
// for `keep-alive-lab watch`, which supports Node 20.6 and later, not for the lessons.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NODE_LINES, PINNED_NODE_LINE, type NodeLine } from '../../src/schemas/node-lines.ts';

export interface NodeBinary {
  line: string;
  path: string;
}

function aliasBinary(line: string): string {
  return fileURLToPath(new URL(`../../node_modules/node${line}/bin/node`, import.meta.url));
}

/** The binary of one line; fails, naming the fix, if it is missing or the pin has moved. */
export function nodeBinary(line: NodeLine | '20'): NodeBinary {
  if (line === PINNED_NODE_LINE) {
    const running = process.versions.node.split('.')[0];
    if (running !== PINNED_NODE_LINE) {
      throw new Error(`The tests run on Node ${process.version}, not the pinned Node ${PINNED_NODE_LINE}: run them through npm scripts (npm test), which use the npm \`node\` package.`);
    }
    return { line, path: process.execPath };
  }
  const path = aliasBinary(line);
  if (!existsSync(path)) throw new Error(`No Node ${line} at ${path}: run npm install (it is the devDependency node${line}).`);
  return { line, path };
}

/** Every line the lessons are checked on, the pinned one first. */
export function lessonNodeLines(): NodeBinary[] {
  return [PINNED_NODE_LINE, ...NODE_LINES.filter((line) => line !== PINNED_NODE_LINE)].map((line) => nodeBinary(line));
}
