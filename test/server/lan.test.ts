/**
 * `npm run classroom -- --lan` (docs/facilitator-guide-network.md): the server binds every
 * interface, prints the address to give the class, a warning and a demo exercise's join code
 * and console link, a seat joins that code and the link's key opens the console. The test
 * connects through 127.0.0.1 only, never the LAN address.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassroomClient } from '../../src/net/client';
import { freePort } from '../browser/setup';
import { listeningOn } from './listening';
import { readConsoleLink } from '../../src/net/protocol';

const root = join(import.meta.dirname, '../..');

let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
});

describe('--lan', () => {
  it('binds all interfaces, prints the class address, a warning, a demo join code that a seat can take and its console\'s link', async () => {
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-lan-')), 'classroom.db');
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build', '--lan'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      child!.stdout!.on('data', (d) => {
        text += String(d);
        if (/Demo exercise: join code/.test(text)) resolve(text);
      });
      child!.stderr!.on('data', (d) => (text += String(d)));
      child!.on('exit', (code) => reject(new Error(`exited (${code}): ${text}`)));
    });
    expect(out).toContain('On the LAN, give the class:');
    // Bound to every interface (0.0.0.0), as the kernel lists its listening sockets.
    expect(listeningOn(port)).toContain('0.0.0.0');
    expect(out).toContain('warning: anyone on this network can now reach the server');
    const code = /join code ([A-Z0-9]{6})/.exec(out)![1]!;
    // Six characters from an alphabet without look-alikes (no 0/O, 1/I/L).
    expect(code).not.toMatch(/[01OIL]/);
    const client = new ClassroomClient(`http://127.0.0.1:${port}/`);
    const joined = await client.join({ code, role: 'nato', holder: 'lan test' });
    const seat = await client.connect(joined.exerciseId, { token: joined.seatToken });
    expect(seat.view!.role).toBe('nato');
    await seat.leave();
    // The demo's console, at the address the class reaches (the LAN's, when this machine has one).
    const link = new URL(/its console: (\S+)/.exec(out)![1]!);
    const lan = /give the class: http:\/\/([\d.]+):/.exec(out)?.[1];
    expect(link.hostname).toBe(lan ?? '127.0.0.1');
    const key = readConsoleLink(link.search, link.hash)!;
    expect(key).toMatchObject({ code, exerciseId: joined.exerciseId });
    const white = await client.connect(key.exerciseId, { token: key.token });
    expect(white.role).toBe('white');
    await white.leave();
  }, 30_000);
});
