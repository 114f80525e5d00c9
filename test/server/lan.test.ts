/**
 * `npm run classroom -- --lan` (docs/facilitator-guide-network.md): the server binds every
 * interface, prints the address to give the class, a warning and a demo exercise's join code
 * and console link, a seat joins that code and the link's key opens the console. The test
 * connects through 127.0.0.1 only, never the LAN address.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/** Starts `npm run classroom -- --lan` on a port and database; resolves with what it printed once it offers its demo exercise. */
async function startLan(port: number, db: string): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build', '--lan'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<string>((resolve, reject) => {
    let text = '';
    child!.stdout!.on('data', (d) => {
      text += String(d);
      if (/(Demo exercise: join code|No demo exercise).*\n/.test(text)) resolve(text);
    });
    child!.stderr!.on('data', (d) => (text += String(d)));
    child!.on('exit', (code) => reject(new Error(`exited (${code}): ${text}`)));
  });
}

/** Stops the server started last, and waits until it has gone. */
async function stopLan(): Promise<void> {
  const gone = new Promise((resolve) => child!.once('exit', resolve));
  child!.kill('SIGTERM');
  await gone;
  child = null;
}

describe('--lan', () => {
  it('binds all interfaces, prints the class address, a warning, a demo join code that a seat can take and its console\'s link', async () => {
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-lan-')), 'classroom.db');
    const out = await startLan(port, db);
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
    await stopLan();
  }, 30_000);

  it('offers the same demo again at the next start while nobody has used it (a new console key), and a new one once it has been', async () => {
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-lan-')), 'classroom.db');
    const keyOf = (out: string) => {
      const link = new URL(/its console: (\S+)/.exec(out)![1]!);
      return readConsoleLink(link.search, link.hash)!;
    };
    const first = keyOf(await startLan(port, db));
    await stopLan();
    const againOut = await startLan(port, db);
    const again = keyOf(againOut);
    expect(againOut).toContain('the one an earlier start offered, still unused');
    expect(again).toMatchObject({ code: first.code, exerciseId: first.exerciseId });
    expect(again.token).not.toBe(first.token);
    const client = new ClassroomClient(`http://127.0.0.1:${port}/`);
    // The earlier link's key no longer opens the console; the new one does.
    await expect(client.connect(first.exerciseId, { token: first.token })).rejects.toThrow();
    const white = await client.connect(again.exerciseId, { token: again.token });
    expect(white.role).toBe('white');
    await white.leave();
    // Someone takes the demo's seat: it is a used exercise now, kept as it is.
    const joined = await client.join({ code: again.code, role: 'nato', holder: 'lan test' });
    expect(joined.exerciseId).toBe(first.exerciseId);
    await stopLan();
    const third = keyOf(await startLan(port, db));
    expect(third.code).not.toBe(first.code);
    await stopLan();
    // Two exercises in all, not one a start: the used demo and the new one, each marked.
    const list = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--db', db, '--list'], { cwd: root, encoding: 'utf8' });
    expect(list.stdout).toMatch(/^2 open exercises/);
    expect(list.stdout.match(/\(the --lan demo\)/g)).toHaveLength(2);
  }, 60_000);
});
