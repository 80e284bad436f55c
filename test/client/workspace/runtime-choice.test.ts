// Where the learner chose to run code: the address wins over storage, a change is kept in both,
// and blocked storage changes nothing but the memory of it.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { bootTimeoutFromUrl, initialRuntimeChoice, rememberRuntimeChoice } from '../../../src/client/workspace/runtime-choice.ts';
import { FakeLocalStorage } from '../../fakes/fake-local-storage.ts';

const KEY = 'keep-alive-lab:runtime';
const GLOBALS = ['localStorage', 'location', 'history'] as const;
const saved = new Map(GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));

/** The browser globals the module reads, as a page at `href` with this storage has them. */
function browser(href: string, storage = new FakeLocalStorage()) {
  const replaced: string[] = [];
  const location = { href };
  const history = {
    state: { index: 7 },
    replaceState(state: unknown, _unused: string, url: string | URL) {
      assert.equal(state, history.state, 'keeps the history state');
      replaced.push(String(url));
      location.href = String(url);
    },
  };
  const values = { localStorage: storage, location, history };
  for (const name of GLOBALS) Object.defineProperty(globalThis, name, { value: values[name], configurable: true, writable: true });
  return { storage, replaced };
}

afterEach(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else Reflect.deleteProperty(globalThis, name);
  }
});

describe('the initial choice', () => {
  test('?runtime= in the address wins over the stored choice', () => {
    browser('https://lab.test/lessons/01-reuse/?runtime=local', new FakeLocalStorage({ items: { [KEY]: 'webcontainer' } }));
    assert.equal(initialRuntimeChoice(), 'local');
  });

  test('without ?runtime=, the stored choice', () => {
    browser('https://lab.test/lessons/01-reuse/', new FakeLocalStorage({ items: { [KEY]: 'webcontainer' } }));
    assert.equal(initialRuntimeChoice(), 'webcontainer');
  });

  test('an unknown value in the address falls back to the stored choice', () => {
    browser('https://lab.test/lessons/01-reuse/?runtime=docker', new FakeLocalStorage({ items: { [KEY]: 'local' } }));
    assert.equal(initialRuntimeChoice(), 'local');
  });

  test('unknown values in both, or nothing at all, give auto', () => {
    browser('https://lab.test/lessons/01-reuse/?runtime=docker', new FakeLocalStorage({ items: { [KEY]: '"local"' } }));
    assert.equal(initialRuntimeChoice(), 'auto');
    browser('https://lab.test/lessons/01-reuse/');
    assert.equal(initialRuntimeChoice(), 'auto');
  });

  test('with storage blocked, still reads the address, else gives auto', () => {
    browser('https://lab.test/lessons/01-reuse/?runtime=webcontainer', new FakeLocalStorage({ blocked: true }));
    assert.equal(initialRuntimeChoice(), 'webcontainer');
    browser('https://lab.test/lessons/01-reuse/', new FakeLocalStorage({ blocked: true }));
    assert.equal(initialRuntimeChoice(), 'auto');
  });
});

describe('remembering a choice', () => {
  test('stores it as plain text and puts it in the address, keeping the rest of it', () => {
    const { storage, replaced } = browser('https://lab.test/lessons/01-reuse/?presenter=1#try-it');
    rememberRuntimeChoice('local');
    assert.deepEqual(storage.items, { [KEY]: 'local' });
    assert.deepEqual(replaced, ['https://lab.test/lessons/01-reuse/?presenter=1&runtime=local#try-it']);
    assert.equal(initialRuntimeChoice(), 'local');
  });

  test('replaces a ?runtime= already in the address', () => {
    const { replaced } = browser('https://lab.test/lessons/01-reuse/?runtime=local');
    rememberRuntimeChoice('webcontainer');
    assert.deepEqual(replaced, ['https://lab.test/lessons/01-reuse/?runtime=webcontainer']);
  });

  test('auto is stored too, and takes ?runtime= out of the address', () => {
    const { storage, replaced } = browser('https://lab.test/lessons/01-reuse/?runtime=local&presenter=1');
    rememberRuntimeChoice('auto');
    assert.deepEqual(storage.items, { [KEY]: 'auto' });
    assert.deepEqual(replaced, ['https://lab.test/lessons/01-reuse/?presenter=1']);
  });

  test('with storage blocked, still updates the address and does not throw', () => {
    const { replaced } = browser('https://lab.test/lessons/01-reuse/', new FakeLocalStorage({ blocked: true }));
    assert.doesNotThrow(() => rememberRuntimeChoice('webcontainer'));
    assert.deepEqual(replaced, ['https://lab.test/lessons/01-reuse/?runtime=webcontainer']);
  });
});

describe('the WebContainer boot timeout from the address', () => {
  test('?webcontainer-timeout=5 gives 5000 ms', () => {
    browser('https://lab.test/lessons/01-reuse/?webcontainer-timeout=5');
    assert.deepEqual(bootTimeoutFromUrl(), { bootTimeoutMs: 5000 });
  });

  test('takes fractions of a second', () => {
    browser('https://lab.test/lessons/01-reuse/?webcontainer-timeout=0.5');
    assert.deepEqual(bootTimeoutFromUrl(), { bootTimeoutMs: 500 });
  });

  test('absent, zero, negative, empty, not a number or over an hour gives no override', () => {
    for (const query of ['', '?webcontainer-timeout=0', '?webcontainer-timeout=-3', '?webcontainer-timeout=', '?webcontainer-timeout=soon', '?webcontainer-timeout=Infinity', '?webcontainer-timeout=3601']) {
      browser(`https://lab.test/lessons/01-reuse/${query}`);
      assert.deepEqual(bootTimeoutFromUrl(), {}, query);
    }
  });
});
