// Room mode prints the addresses learners can open: every interface's address but loopback, and
// not the IPv6 link-local ones a browser cannot open without a zone id.
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { addressUrl, reachableAddresses } from '../../src/runner/network-addresses.ts';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
  wlan0: [entry('192.168.1.20', 'IPv4'), entry('fe80::1c2:3ff:fe44:5566', 'IPv6'), entry('fd12:3456::20', 'IPv6')],
  eth1: [entry('10.0.0.7', 'IPv4')],
};

test('every interface: IPv4 addresses first, then IPv6 ones a browser can open', () => {
  assert.deepEqual(reachableAddresses('::', interfaces), ['192.168.1.20', '10.0.0.7', 'fd12:3456::20']);
});

test('the address to write up comes first: the room network’s IPv4, not Docker’s or a VPN’s, nor an fd00:: one', () => {
  const withVirtual = { docker0: [entry('172.17.0.1', 'IPv4')], utun3: [entry('100.64.0.9', 'IPv4')], ...interfaces };
  assert.deepEqual(reachableAddresses('::', withVirtual), ['192.168.1.20', '10.0.0.7', '172.17.0.1', '100.64.0.9', 'fd12:3456::20']);
});

test('0.0.0.0 listens on IPv4 only, so only IPv4 addresses are printed', () => {
  assert.deepEqual(reachableAddresses('0.0.0.0', interfaces), ['192.168.1.20', '10.0.0.7']);
});

test('one chosen address is the only one printed', () => {
  assert.deepEqual(reachableAddresses('10.0.0.7', interfaces), ['10.0.0.7']);
});

test('IPv6 addresses get brackets in a URL', () => {
  assert.equal(addressUrl('fd12:3456::20', 4321, '/?token=t'), 'http://[fd12:3456::20]:4321/?token=t');
  assert.equal(addressUrl('10.0.0.7', 4321), 'http://10.0.0.7:4321/');
});
