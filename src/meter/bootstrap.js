// Starts a lesson file with the socket meter loaded first, for runtimes where `node --import`
// cannot be relied on (WebContainer). Usage: node .lab/bootstrap.js server.js
import './meter.js';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
// The lesson sees the argv it would have had without this bootstrap: [node, server.js].
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(String(file))).href);
