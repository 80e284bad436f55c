// `npm run build:base`: builds the test deploy (deploy-build.ts) into dist-base/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEPLOY_BUILD } from '../test/helpers/deploy-build.ts';

const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '../bin/astro.mjs');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: DEPLOY_BUILD.base, SITE_URL: DEPLOY_BUILD.site };
const build = spawnSync(process.execPath, [astro, 'build', '--outDir', DEPLOY_BUILD.dir], { stdio: 'inherit', env });
process.exit(build.status ?? 1);
