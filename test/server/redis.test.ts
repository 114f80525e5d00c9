/**
 * Scale-out: two classroom server processes and one Redis (Debian's redis-server on a free
 * loopback port). An exercise created through one process is joined and played through the
 * other, and both see the same exercise. Skipped, saying so, where redis-server is absent
 * (.ci/run installs it on a bare machine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassroomClient } from '../../src/net/client';
import { freePort } from '../browser/setup';

const root = join(__dirname, '../..');
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
if (!hasRedis) console.warn('redis-server is not installed: the two-process Redis test is skipped (apt-get install redis-server)');

const children: ChildProcess[] = [];

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += String(d);
      if (out.includes(text)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => reject(new Error(`exited (${code}): ${out}`)));
  });
}

describe.skipIf(!hasRedis)('two server processes and one Redis', () => {
  let ports: number[] = [];
  beforeAll(async () => {
    const redisPort = await freePort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(redis);
    await waitFor(redis, 'Ready to accept connections');
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-redis-')), 'classroom.db');
    ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build', '--redis', `127.0.0.1:${redisPort}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      await waitFor(child, 'classroom server on');
    }
  }, 60_000);
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

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
});
