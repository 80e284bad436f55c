// Where learners in a room can reach the lab: one address per network interface of this machine
// that is not loopback, as Vite's `Network:` lines do.
import { networkInterfaces } from 'node:os';

/** Hosts that mean "every interface". */
const ANY_HOST = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The addresses the lab can be reached at from other machines when it listens on `host`:
 * every non-internal IPv4 and IPv6 address for 0.0.0.0 or ::, else `host` itself. IPv6
 * link-local addresses (fe80::) are left out: a browser cannot open them without a zone id.
 * IPv4 comes first, since that is what a room's Wi-Fi hands out.
 */
export function reachableAddresses(host: string, interfaces = networkInterfaces()): string[] {
  if (!ANY_HOST.has(host)) return [host];
  const all = Object.values(interfaces).flatMap((entries) => entries ?? []);
  const external = all.filter((entry) => !entry.internal);
  const v4 = external.filter((entry) => entry.family === 'IPv4').map((entry) => entry.address);
  const v6 = external
    .filter((entry) => entry.family === 'IPv6' && !/^fe[89ab]/i.test(entry.address))
    .map((entry) => entry.address);
  return [...new Set([...v4, ...(host === '0.0.0.0' ? [] : v6)])];
}

/** `http://10.0.0.5:4321/`, with brackets for IPv6. */
export function addressUrl(address: string, port: number, path = '/'): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}${path}`;
}
