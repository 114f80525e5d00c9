/**
 * Which of this computer's network addresses the class is given with `--lan`
 * (docs/facilitator-guide-network.md, "Start it"). A laptop often has
 * several: its Wi-Fi or Ethernet, and virtual ones a container or VPN tool made (docker0,
 * a VPN's tunnel) that no classmate can reach. The console hands out join links at the
 * first of the ranked list, so the likeliest reachable address comes first; the facilitator
 * can name another with `--address`.
 */
import type { NetworkInterfaceInfo } from 'node:os';

/** Interface names of virtual networks (containers, virtual machines, VPNs): a class on the room's network rarely reaches them. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|vnic|tun|tap|utun|zt|tailscale|wg|lxc|lxd|cni|flannel|podman|vEthernet)/i;

/** A private IPv4 address (10/8, 172.16/12, 192.168/16): a college's own network. */
function isPrivate(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * This computer's IPv4 addresses on its networks (not loopback), likeliest for the class
 * first: physical interfaces before virtual ones, private addresses before others, and
 * self-assigned ones (169.254.x.x: no network gave one) last; otherwise in the system's order.
 */
export function classAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const found: { address: string; rank: number; order: number }[] = [];
  for (const [name, infos] of Object.entries(interfaces))
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      const rank = info.address.startsWith('169.254.') ? 3 : VIRTUAL.test(name) ? 2 : isPrivate(info.address) ? 0 : 1;
      found.push({ address: info.address, rank, order: found.length });
    }
  return found.sort((x, y) => x.rank - y.rank || x.order - y.order).map((f) => f.address);
}
