// What the page's scripts read from the build's <PageData> tags: the value when it has the shape
// they rely on, and undefined (with a console message when the data is there but wrong) otherwise.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isChallenge, isClaims, isLessonFiles, isReliances, readPageData } from '../../../src/client/shared/page-data.ts';

/** A page with these <PageData> tags, by name: just enough of ParentNode for readPageData. */
function page(data: Record<string, string>): ParentNode {
  return {
    querySelector(selector: string) {
      const name = /^\[data-page-data="(.+)"\]$/.exec(selector)?.[1];
      const text = name === undefined ? undefined : data[name];
      return text === undefined ? null : { textContent: text };
    },
  } as unknown as ParentNode;
}

const files = [{ name: 'client.js', content: 'fetch(url)' }];
const claims = [{ run: 'solution', says: 'one connection carries every request', expect: { accepted: { equals: 1 } } }];
const challenge = { id: 'one-socket', title: 'One socket', task: 'Send three requests over one connection.', expect: { accepted: { equals: 1 } } };
const relies = [{ feature: 'TCPSocketWrap', why: 'The meter counts sockets this way.', affects: ['“one connection”'] }];

describe('readPageData', () => {
  test('gives back the value of the tag with that name when it has the expected shape', (t) => {
    const error = t.mock.method(console, 'error', () => {});
    const root = page({ 'lesson-files': JSON.stringify(files), 'lesson-check-claims': JSON.stringify(claims) });
    assert.deepEqual(readPageData(root, 'lesson-files', isLessonFiles), files);
    assert.deepEqual(readPageData(root, 'lesson-check-claims', isClaims), claims);
    assert.equal(error.mock.callCount(), 0);
  });

  test('a missing tag gives undefined and no console message', (t) => {
    const error = t.mock.method(console, 'error', () => {});
    assert.equal(readPageData(page({}), 'lesson-files', isLessonFiles), undefined);
    assert.equal(error.mock.callCount(), 0);
  });

  test('data in the wrong shape gives undefined and a console message that names it', (t) => {
    const error = t.mock.method(console, 'error', () => {});
    const root = page({ 'lesson-files': JSON.stringify([{ name: 'client.js' }]) });
    assert.equal(readPageData(root, 'lesson-files', isLessonFiles), undefined);
    assert.equal(error.mock.callCount(), 1);
    assert.deepEqual(error.mock.calls[0]?.arguments, [
      'Keep-Alive Lab: the page\'s "lesson-files" data is not in the shape this script expects. Reload the page.',
    ]);
  });

  test('malformed JSON gives undefined and the same console message, not an exception', (t) => {
    const error = t.mock.method(console, 'error', () => {});
    assert.equal(readPageData(page({ challenge: '{"id": "one-socket",' }), 'challenge', isChallenge), undefined);
    assert.equal(error.mock.callCount(), 1);
    assert.match(String(error.mock.calls[0]?.arguments[0]), /"challenge" data is not in the shape/);
  });
});

describe('the shape checks', () => {
  test('accept the data the build writes', () => {
    assert.equal(isLessonFiles(files), true);
    assert.equal(isLessonFiles([]), true);
    assert.equal(isClaims(claims), true);
    assert.equal(isChallenge(challenge), true);
    assert.equal(isReliances(relies), true);
  });

  test('lesson files need a name and content, both strings, in a list', () => {
    assert.equal(isLessonFiles(files[0]), false);
    assert.equal(isLessonFiles([{ name: 'client.js', content: 42 }]), false);
    assert.equal(isLessonFiles([...files, null]), false);
  });

  test('claims need run and says as strings and an expect object', () => {
    assert.equal(isClaims([{ ...claims[0], expect: undefined }]), false);
    assert.equal(isClaims([{ ...claims[0], says: 1 }]), false);
    assert.equal(isClaims([{ says: 'no run', expect: {} }]), false);
    assert.equal(isClaims({}), false);
  });

  test('a challenge needs id, title and task as strings and an expect object, and is not a list', () => {
    assert.equal(isChallenge([challenge]), false);
    assert.equal(isChallenge({ ...challenge, task: undefined }), false);
    assert.equal(isChallenge({ ...challenge, expect: 'accepted 1' }), false);
    assert.equal(isChallenge(null), false);
  });

  test('reliances need feature and why as strings and a list of what they affect', () => {
    assert.equal(isReliances([{ ...relies[0], affects: '“one connection”' }]), false);
    assert.equal(isReliances([{ ...relies[0], why: undefined }]), false);
    assert.equal(isReliances('TCPSocketWrap'), false);
  });
});
