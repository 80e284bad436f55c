// Which runtime a page uses, for every case the lab promises.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideRuntime, readRuntimeChoice, webContainerSupport, type RuntimeEnvironment } from '../src/runtime/choose-runtime.ts';

const supported = { supported: true } as const;
const env = (overrides: Partial<RuntimeEnvironment>): RuntimeEnvironment => ({
  choice: 'auto',
  localRunner: false,
  crossOriginIsolated: true,
  webContainerSupport: supported,
  ...overrides,
});

describe('auto', () => {
  test('uses the local runner when npm start serves the page, even where WebContainer could run', () => {
    assert.deepEqual(decideRuntime(env({ localRunner: true })), { kind: 'local' });
  });

  test('uses WebContainer on a cross-origin isolated page in a supported browser', () => {
    assert.deepEqual(decideRuntime(env({})), { kind: 'webcontainer' });
  });

  test('without isolation, runs nothing and says why and what to do', () => {
    const decision = decideRuntime(env({ crossOriginIsolated: false }));
    assert.equal(decision.kind, 'none');
    assert.match(decision.kind === 'none' ? decision.message : '', /not cross-origin isolated.*npm install && npm start.*all here to read/);
  });

  test('in an unsupported browser, runs nothing and names the reason', () => {
    const decision = decideRuntime(env({ webContainerSupport: { supported: false, reason: 'WebContainer does not run in mobile browsers' } }));
    assert.match(decision.kind === 'none' ? decision.message : '', /mobile browsers.*npm install && npm start/);
  });
});

describe('an explicit choice', () => {
  test('local, when the runner serves the page', () => {
    assert.deepEqual(decideRuntime(env({ choice: 'local', localRunner: true })), { kind: 'local' });
  });

  test('local, when it does not: says so and how to start it', () => {
    const decision = decideRuntime(env({ choice: 'local', localRunner: false }));
    assert.match(decision.kind === 'none' ? decision.message : '', /local runner does not serve this page.*npm start.*Auto/);
  });

  test('webcontainer, even when the local runner serves the page', () => {
    assert.deepEqual(decideRuntime(env({ choice: 'webcontainer', localRunner: true })), { kind: 'webcontainer' });
  });

  test('webcontainer, on a page that is not isolated: says why', () => {
    const decision = decideRuntime(env({ choice: 'webcontainer', crossOriginIsolated: false }));
    assert.match(decision.kind === 'none' ? decision.message : '', /WebContainer cannot run here: this page is not cross-origin isolated/);
  });
});

describe('reading the choice', () => {
  const url = (query: string) => new URL(`http://localhost:4321/lessons/the-leak/${query}`);
  test('?runtime= wins over the stored choice', () => {
    assert.equal(readRuntimeChoice(url('?runtime=local'), 'webcontainer'), 'local');
  });
  test('the stored choice applies without a parameter', () => {
    assert.equal(readRuntimeChoice(url(''), 'webcontainer'), 'webcontainer');
  });
  test('unknown values fall back to auto', () => {
    assert.equal(readRuntimeChoice(url('?runtime=docker'), 'nonsense'), 'auto');
  });
});

describe('WebContainer support', () => {
  const desktop = { SharedArrayBuffer, WebAssembly, navigator: { serviceWorker: {}, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156' } };
  test('a desktop browser with SharedArrayBuffer and service workers is supported', () => {
    assert.deepEqual(webContainerSupport(desktop), { supported: true });
  });
  test('without SharedArrayBuffer it is not', () => {
    assert.equal(webContainerSupport({ ...desktop, SharedArrayBuffer: undefined }).supported, false);
  });
  test('a phone is not', () => {
    const phone = { ...desktop, navigator: { serviceWorker: {}, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Mobile/15E148' } };
    assert.match(webContainerSupport(phone).supported ? '' : (webContainerSupport(phone) as { reason: string }).reason, /mobile/);
  });
});
