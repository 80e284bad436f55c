// Booting the real WebContainer: the API key goes in before boot(), as @webcontainer/api requires,
// and the deploy's settings come from the build's environment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BootOptions, WebContainer } from '@webcontainer/api';
import { deployConfigFrom, webContainerBooter, type WebContainerApiModule } from '../../../src/runtime/webcontainer/boot-webcontainer.ts';

/** An API module that records calls and, like @webcontainer/api, refuses a key after boot(). */
function recordingApi() {
  const calls: string[] = [];
  let booted = false;
  const api: WebContainerApiModule = {
    configureAPIKey(key) {
      if (booted) throw new Error('`configureAPIKey` should always be called before `WebContainer.boot`');
      calls.push(`key ${key}`);
    },
    WebContainer: {
      boot(options?: BootOptions) {
        booted = true;
        calls.push(`boot ${JSON.stringify(options)}`);
        return Promise.resolve({} as WebContainer);
      },
    },
  };
  return { api, calls };
}

test('the API key is configured before boot, with the page’s COEP', async () => {
  const { api, calls } = recordingApi();
  await webContainerBooter(api, { apiKey: 'wc_api_example' })();
  assert.deepEqual(calls, ['key wc_api_example', 'boot {"coep":"require-corp","workdirName":"keep-alive-lab"}']);
});

test('without a key nothing is configured; the experimental Node is asked for only when chosen', async () => {
  const plain = recordingApi();
  await webContainerBooter(plain.api, {})();
  assert.deepEqual(plain.calls, ['boot {"coep":"require-corp","workdirName":"keep-alive-lab"}']);
  const experimental = recordingApi();
  await webContainerBooter(experimental.api, { experimentalNode: true })();
  assert.match(experimental.calls[0] ?? '', /"experimentalNode":true/);
});

test('deploy settings come from PUBLIC_ build variables', () => {
  assert.deepEqual(deployConfigFrom({}), { experimentalNode: false });
  assert.deepEqual(deployConfigFrom({ PUBLIC_WEBCONTAINER_API_KEY: ' key ', PUBLIC_WEBCONTAINER_EXPERIMENTAL_NODE: '1' }), {
    apiKey: 'key',
    experimentalNode: true,
  });
  assert.deepEqual(deployConfigFrom({ PUBLIC_WEBCONTAINER_API_KEY: '' }), { experimentalNode: false });
});
