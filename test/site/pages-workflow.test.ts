// .github/workflows/pages.yml, the GitHub Pages deploy README offers: it builds with the site's
// address and base path from the repository's Pages settings and uploads what the build wrote.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const workflow = parse(readFileSync(new URL('../../.github/workflows/pages.yml', import.meta.url), 'utf8')) as {
  permissions: Record<string, string>;
  jobs: { build: { steps: Step[] }; deploy: { needs: string; steps: Step[] } };
};

test('the Pages workflow builds with SITE_URL and BASE_PATH from configure-pages and uploads dist/', () => {
  const steps = workflow.jobs.build.steps;
  const pages = steps.find((step) => step.uses?.startsWith('actions/configure-pages@'));
  assert.ok(pages?.id, 'configure-pages has an id its outputs are read by');
  const build = steps.find((step) => step.run === 'npm run build');
  assert.ok(build, 'the build step runs the README’s build command');
  assert.equal(build.env?.SITE_URL, `\${{ steps.${pages.id}.outputs.origin }}`);
  assert.equal(build.env?.BASE_PATH, `\${{ steps.${pages.id}.outputs.base_path }}`);
  assert.ok(steps.findIndex((step) => step.run === 'npm ci') < steps.indexOf(build), 'dependencies are installed first');
  const upload = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
  assert.equal(upload?.with?.path, 'dist');
  assert.equal(workflow.jobs.deploy.needs, 'build');
  assert.ok(workflow.jobs.deploy.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
  assert.deepEqual(workflow.permissions, { contents: 'read', pages: 'write', 'id-token': 'write' });
});
