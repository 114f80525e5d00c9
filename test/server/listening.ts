/** Which addresses a port listens on, for the tests of the classroom server's binding. */
import { readFileSync } from 'node:fs';

/** The IPv4 addresses a TCP port listens on, from the kernel's table (/proc/net/tcp). */
export function listeningOn(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(`:${hex}`) && f[3] === '0A')
    .map((f) => {
      const a = f[1].split(':')[0];
      return [3, 2, 1, 0].map((i) => parseInt(a.slice(i * 2, i * 2 + 2), 16)).join('.');
    });
}
