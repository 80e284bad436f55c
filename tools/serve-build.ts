// Serves a build as a plain static host would, for the base-path e2e test and the budgets:
//   node tools/serve-build.ts --dir dist-base --base /keep-alive-lab/ --port 4392 [--headers]
// Without --headers it sends no COOP/COEP, as GitHub Pages does; with it, public/_headers'.
import { parseArgs } from 'node:util';
import { serveSite } from './verify-webcontainer/site-server.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist-base' },
    base: { type: 'string', default: '/' },
    port: { type: 'string', default: '4392' },
    headers: { type: 'boolean', default: false },
  },
});
const site = await serveSite(values.dir, {
  headersFile: values.headers ? new URL('../public/_headers', import.meta.url).pathname : undefined,
  port: Number(values.port),
  base: values.base,
});
await site.warmUp();
console.log(`Serving ${values.dir} at ${site.url}/ ${values.headers ? 'with' : 'without'} isolation headers`);
const stop = () => void site.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
