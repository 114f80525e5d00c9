/**
 * Which network address `npm run classroom -- --lan` gives the class (src/server/lan.ts): the
 * laptop's own network before a container's or a VPN's, private before public, self-assigned
 * last, never loopback or IPv6.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { classAddresses } from '../../src/server/lan';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` });
const v6 = (address: string): NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/64`, scopeid: 0 });

describe('classAddresses', () => {
  it("puts the Wi-Fi's address before a container bridge's and a VPN tunnel's, whatever order the system lists them in", () => {
    const listed = { lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')], tun0: [v4('10.8.0.6')], wlp2s0: [v4('192.168.1.20'), v6('fe80::1')] };
    expect(classAddresses(listed)).toEqual(['192.168.1.20', '172.17.0.1', '10.8.0.6']);
  });

  it('prefers a private address to a public one, and leaves a self-assigned one last', () => {
    const listed = { eth1: [v4('169.254.10.2')], eth0: [v4('203.0.113.7')], en0: [v4('10.20.30.40')] };
    expect(classAddresses(listed)).toEqual(['10.20.30.40', '203.0.113.7', '169.254.10.2']);
  });

  it('keeps the order the system gives among equals, and finds none on a computer with loopback only', () => {
    expect(classAddresses({ eth0: [v4('192.168.0.5')], eth1: [v4('10.0.0.5')] })).toEqual(['192.168.0.5', '10.0.0.5']);
    expect(classAddresses({ lo: [v4('127.0.0.1', true), v6('::1')] })).toEqual([]);
  });
});
