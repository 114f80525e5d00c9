/**
 * Scale-out: two classroom server processes and one Redis (Debian's redis-server on a free
 * loopback port). An exercise created through one process is joined and played through the
 * other, and both see the same exercise; when Redis goes away, the exercises being played go
 * on and each process says so once, and again when Redis is back; with `--lan`, a process
 * started while another holds the demo exercise names that demo and leaves its console link
 * good (it is not given a new key). Skipped, saying so, where
 * redis-server is absent (.ci/run installs it on a bare machine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassroomClient } from '../../src/net/client';
import { readConsoleLink } from '../../src/net/protocol';
import { freePort } from '../browser/setup';

const root = join(__dirname, '../..');
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
if (!hasRedis) console.warn('redis-server is not installed: the two-process Redis test is skipped (apt-get install redis-server)');

const children: ChildProcess[] = [];

/** Everything each child has printed so far, stdout and stderr together. */
const printed = new Map<ChildProcess, string>();

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!printed.has(child)) {
      printed.set(child, '');
      const add = (d: Buffer) => printed.set(child, printed.get(child)! + String(d));
      child.stdout!.on('data', add);
      child.stderr!.on('data', add);
    }
    const check = () => {
      if (!printed.get(child)!.includes(text)) return;
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      resolve();
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited (${code}): ${printed.get(child)}`)));
    check();
  });
}

// Every process a test started (servers and Redis) goes when the file's tests are done, whichever test started it.
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const startRedis = (port: number) => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });

describe.skipIf(!hasRedis)('two server processes and one Redis', () => {
  let ports: number[] = [];
  let redisPort = 0;
  let redis: ChildProcess;
  const servers: ChildProcess[] = [];
  beforeAll(async () => {
    redisPort = await freePort();
    redis = startRedis(redisPort);
    children.push(redis);
    await waitFor(redis, 'Ready to accept connections');
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-redis-')), 'classroom.db');
    ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build', '--redis', `127.0.0.1:${redisPort}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      servers.push(child);
      await waitFor(child, 'classroom server on');
    }
  }, 60_000);

  it('an exercise created on one process is joined and played through the other', async () => {
    const a = new ClassroomClient(`http://127.0.0.1:${ports[0]}`);
    const b = new ClassroomClient(`http://127.0.0.1:${ports[1]}`);
    const created = await a.createExercise({ scenario: 'era2-stability', seed: 3, held: ['nato'] });
    const joined = await b.join({ code: created.code, role: 'nato', holder: 'staff' });
    const nato = await b.connect(created.exerciseId, { token: joined.seatToken });
    const white = await a.connect(created.exerciseId, { token: created.facilitatorToken });
    expect(nato.role).toBe('nato');
    expect((await white.act({ type: 'white.note', text: 'from process A' })).ok).toBe(true);
    expect((await white.act({ type: 'phase.advance' })).ok).toBe(true);
    const view = await nato.waitFor((v) => v.phase === 'planning');
    expect(view.year).toBe(2004);
    const seats = await b.seats(created.exerciseId, created.facilitatorToken);
    expect(seats.seats.find((s) => s.role === 'nato')).toMatchObject({ holder: 'staff', connected: true });
  }, 60_000);

  it('when Redis goes away, the exercise being played goes on; each process warns once, without a stack trace, and says when Redis is back', async () => {
    const a = new ClassroomClient(`http://127.0.0.1:${ports[0]}`);
    const created = await a.createExercise({ scenario: 'era2-stability', seed: 4, held: ['nato'] });
    const joined = await a.join({ code: created.code, role: 'nato', holder: 'staff' });
    const nato = await a.connect(created.exerciseId, { token: joined.seatToken });
    const white = await a.connect(created.exerciseId, { token: created.facilitatorToken });
    redis.kill('SIGTERM');
    await Promise.all(servers.map((s) => waitFor(s, 'warning: lost Redis at')));
    // Moves in an open room need no Redis: acknowledged, and the other seat sees them.
    expect((await white.act({ type: 'phase.advance' })).ok).toBe(true);
    expect((await nato.waitFor((v) => v.phase === 'planning')).year).toBe(2004);
    // Redis's clients retry every moment: still one warning a process, and no stack trace.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const s of servers) {
      expect(printed.get(s)!.match(/lost Redis/g)).toHaveLength(1);
      expect(printed.get(s)).not.toMatch(/^\s+at /m);
      expect(printed.get(s)).not.toContain('Unhandled error event');
    }
    redis = startRedis(redisPort);
    children.push(redis);
    await Promise.all(servers.map((s) => waitFor(s, `Redis at 127.0.0.1:${redisPort} is back.`)));
    await nato.leave();
    await white.leave();
  }, 60_000);
});

describe.skipIf(!hasRedis)('two server processes with --lan', () => {
  it("the second leaves the demo the first offered as it is: the same join code, and the first's console link still opens it", async () => {
    const redisPort = await freePort();
    const redis = startRedis(redisPort);
    children.push(redis);
    await waitFor(redis, 'Ready to accept connections');
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-redis-lan-')), 'classroom.db');
    const ports = [await freePort(), await freePort()];
    const start = (port: number) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build', '--lan', '--redis', `127.0.0.1:${redisPort}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      return child;
    };
    const first = start(ports[0]);
    await waitFor(first, 'Demo exercise: join code');
    const second = start(ports[1]);
    await waitFor(second, 'Demo exercise: join code');
    const link = new URL(/its console: (\S+)/.exec(printed.get(first)!)![1]!);
    const key = readConsoleLink(link.search, link.hash)!;
    expect(printed.get(second)).toContain(`Demo exercise: join code ${key.code}, offered by another server process`);
    // The first process's link still opens the console, through either process.
    for (const port of ports) {
      const white = await new ClassroomClient(`http://127.0.0.1:${port}`).connect(key.exerciseId, { token: key.token });
      expect(white.role).toBe('white');
      await white.leave();
    }
  }, 60_000);
});
