// Which runtime a page uses, for every case the lab promises.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideRuntime, readRuntimeChoice, type RuntimeEnvironment } from '../../src/runtime/choose-runtime.ts';
import { webContainerSupport, type WebContainerSupport } from '../../src/runtime/webcontainer-support.ts';

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
    const decision = decideRuntime(env({ webContainerSupport: { supported: false, reason: 'this is Safari 16.3, and WebContainer needs Safari 16.4 or later' } }));
    assert.match(decision.kind === 'none' ? decision.message : '', /Safari 16\.3.*npm install && npm start/);
  });

  test('where WebContainer is only in beta, does not choose it, and says why and how to opt in', () => {
    const decision = decideRuntime(env({ webContainerSupport: { supported: true, beta: 'WebContainer is only in beta in mobile browsers' } }));
    assert.equal(decision.kind, 'none');
    assert.match(
      decision.kind === 'none' ? decision.message : '',
      /only in beta in mobile browsers, so Auto does not choose it\. To try it anyway, choose WebContainer under “Runs in” \(or add \?runtime=webcontainer/,
    );
  });

  test('where WebContainer is only in beta, still prefers the local runner', () => {
    assert.deepEqual(decideRuntime(env({ localRunner: true, webContainerSupport: { supported: true, beta: 'beta here' } })), { kind: 'local' });
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

  test('webcontainer where it is only in beta: runs it, with a notice that says so', () => {
    const decision = decideRuntime(env({ choice: 'webcontainer', webContainerSupport: { supported: true, beta: 'WebContainer is only in beta in mobile browsers' } }));
    assert.equal(decision.kind, 'webcontainer');
    assert.match(decision.kind === 'webcontainer' ? (decision.notice ?? '') : '', /^WebContainer is only in beta in mobile browsers: it may start slowly/);
  });

  test('webcontainer in a browser that cannot run it: refuses, even when chosen', () => {
    const decision = decideRuntime(env({ choice: 'webcontainer', webContainerSupport: { supported: false, reason: 'this is Safari 15.6, and WebContainer needs Safari 16.4 or later' } }));
    assert.match(decision.kind === 'none' ? decision.message : '', /^WebContainer cannot run here: this is Safari 15\.6/);
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

describe('WebContainer support, from real user agents', () => {
  const browser = (userAgent: string, maxTouchPoints = 0) => ({
    SharedArrayBuffer,
    WebAssembly,
    navigator: { serviceWorker: {}, userAgent, maxTouchPoints },
  });
  const reason = (support: WebContainerSupport) => (support.supported ? '' : support.reason);

  const desktop = {
    'Chrome 124 on Linux': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Chrome 124 on macOS': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Edge 124 on Windows':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
    'Firefox 125 on macOS': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0',
    'Safari 16.4 on macOS': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.4 Safari/605.1.15',
    'Safari 17.4.1 on macOS': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  };
  for (const [name, userAgent] of Object.entries(desktop)) {
    test(`${name} is supported`, () => {
      assert.deepEqual(webContainerSupport(browser(userAgent)), { supported: true });
    });
  }

  test('Safari 16.3 on macOS is refused, with its version and what to do', () => {
    const support = webContainerSupport(
      browser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Safari/605.1.15'),
    );
    assert.equal(reason(support), 'this is Safari 16.3, and WebContainer needs Safari 16.4 or later; update Safari, or use Chrome, Edge or Firefox');
  });

  test('Safari 15.6.1 on macOS is refused', () => {
    const support = webContainerSupport(
      browser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6.1 Safari/605.1.15'),
    );
    assert.match(reason(support), /^this is Safari 15\.6, and WebContainer needs Safari 16\.4 or later/);
  });

  test('Safari on iOS 16.3 is refused, and so is Chrome there, which is Safari’s engine too', () => {
    for (const userAgent of [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/110.0.5481.114 Mobile/15E148 Safari/604.1',
    ]) {
      assert.match(reason(webContainerSupport(browser(userAgent))), /^this device runs iOS 16\.3, and WebContainer needs iOS 16\.4 or later .*; update iOS$/, userAgent);
    }
  });

  test('an old iPad asking for the desktop page is refused by its Safari version', () => {
    const support = webContainerSupport(
      browser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15', 5),
    );
    assert.match(reason(support), /^this is Safari 16\.1/);
  });

  const mobile = {
    'Safari on iOS 17.5': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Safari on iPadOS 16.4': 'Mozilla/5.0 (iPad; CPU OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.4 Mobile/15E148 Safari/604.1',
    'Chrome on Android': 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
    'Chrome on an Android tablet': 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'Firefox on Android': 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
    'Samsung Internet': 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  };
  for (const [name, userAgent] of Object.entries(mobile)) {
    test(`${name} may run it, in beta`, () => {
      assert.deepEqual(webContainerSupport(browser(userAgent)), { supported: true, beta: 'WebContainer is only in beta in mobile browsers' });
    });
  }

  test('an iPad on iPadOS 17, which asks for the desktop page, is a mobile browser by its touch points', () => {
    const support = webContainerSupport(
      browser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 5),
    );
    assert.deepEqual(support, { supported: true, beta: 'WebContainer is only in beta in mobile browsers' });
  });

  test('without SharedArrayBuffer it is not supported, whatever the browser says it is', () => {
    const support = webContainerSupport({ ...browser(desktop['Chrome 124 on Linux']), SharedArrayBuffer: undefined });
    assert.match(reason(support), /lacks what WebContainer needs/);
  });

  test('a phone that chooses WebContainer gets it with the beta notice; Auto on it explains how to opt in', () => {
    const phone = webContainerSupport(browser(mobile['Chrome on Android']));
    const chosen = decideRuntime(env({ choice: 'webcontainer', webContainerSupport: phone }));
    assert.equal(chosen.kind, 'webcontainer');
    assert.match(chosen.kind === 'webcontainer' ? (chosen.notice ?? '') : '', /only in beta in mobile browsers/);
    const auto = decideRuntime(env({ webContainerSupport: phone }));
    assert.match(auto.kind === 'none' ? auto.message : '', /To try it anyway, choose WebContainer/);
  });

  test('an old Safari that chooses WebContainer is refused with the version, not sent to a boot timeout', () => {
    const safari = webContainerSupport(browser(desktop['Safari 16.4 on macOS'].replace('16.4', '16.3')));
    const chosen = decideRuntime(env({ choice: 'webcontainer', webContainerSupport: safari }));
    assert.match(chosen.kind === 'none' ? chosen.message : '', /^WebContainer cannot run here: this is Safari 16\.3, and WebContainer needs Safari 16\.4 or later/);
  });
});
