// Where learners in a room can reach the lab: one address per network interface of this machine
// that is not loopback, as Vite's `Network:` lines do.
import { networkInterfaces } from 'node:os';

/** Interfaces of containers, VMs and VPNs, by the names Linux, macOS and their tools give them. */
const VIRTUAL = /^(docker|br-|veth|virbr|vboxnet|vmnet|vethernet|utun|tun|tap|wg|zt|tailscale|cni|flannel|podman|lxc|lxd)/i;

/** Hosts that mean "every interface". */
const ANY_HOST = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The addresses the lab can be reached at from other machines when it listens on `host`:
 * every non-internal IPv4 and IPv6 address for 0.0.0.0 or ::, else `host` itself. IPv6
 * link-local addresses (fe80::) are left out: a browser cannot open them without a zone id.
 * The first is the one to write up: IPv4 first, since that is what a room's Wi-Fi hands out (an
 * fd00:: address is this network's too, but a learner's laptop may have no IPv6 on it), and the
 * machine's real interfaces before virtual ones (Docker's 172.17.0.1 reaches no learner).
 */
export function reachableAddresses(host: string, interfaces = networkInterfaces()): string[] {
  if (!ANY_HOST.has(host)) return [host];
  // The room's network before the machine's own: containers', VMs' and VPNs' interfaces last.
  const named = Object.entries(interfaces).sort(([a], [b]) => Number(VIRTUAL.test(a)) - Number(VIRTUAL.test(b)));
  const all = named.flatMap(([, entries]) => entries ?? []);
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
