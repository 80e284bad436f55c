// Every claim again, confined as room mode runs learners' code (src/runner/confinement.ts): the
// lessons must teach the same numbers inside the permission model and a loopback-only network.
// On Linux, where CI runs, confinement must work; elsewhere the suite says why it cannot run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConfinement } from '../../src/runner/confinement.ts';
import { claimSuite } from '../helpers/claim-suite.ts';

const confinement = checkConfinement();
if (confinement.ok) {
  claimSuite(true);
} else if (process.platform === 'linux') {
  test('confined runs work on this Linux machine', () => assert.fail(`Confinement is not available: ${confinement.reason}.`));
} else {
  test('confined claims', { skip: `confinement is Linux-only: ${confinement.reason}` }, () => undefined);
}
