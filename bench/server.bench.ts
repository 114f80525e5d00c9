/**
 * `npm run bench:server`: the classroom server under a college's load, on loopback only
 * (docs/facilitator-guide-network.md). A server process is started with a fresh database;
 * 50 exercises each get 7 clients (NATO, two capitals, a red cell, a partner team, the
 * White Cell and a projector: 350 sockets). Moves are those of the engine's stand-ins,
 * made through the seats that hold them, first at a classroom pace (each exercise one move
 * every two seconds, for 30 s), then as fast as the server answers (for 20 s). It prints
 * the latency from a move sent to every client of its exercise holding the new view
 * (the server runs with its per-seat rate limit lifted, so the figure is its capacity)
 * (p50/p95/p99), moves per second, the server's RSS and CPU, and lost or duplicated moves
 * (the acknowledged moves against each exercise's stored log). Bounded in count and time;
 * it stops by itself. Figures, not a test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { loadScenarioFile, scenarioFiles } from '../src/cli/files';
import { percentile } from '../src/cli/common';
import type { Scenario } from '../src/core/scenario';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../src/exercise/engine';
import { standInMove } from '../src/exercise/standIn';
import type { RoleId } from '../src/exercise/types';
import { ClassroomClient, type Seat } from '../src/net/client';

const EXERCISES = 50;
const root = join(import.meta.dirname, '..');
const scenario = scenarioFiles()
  .map((f) => loadScenarioFile(f))
  .flatMap((l) => (l.ok && l.scenario.id === 'era4-after2022' ? [l.scenario] : []))[0] as Scenario;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

/** The server process's resident memory (MB) and CPU seconds so far, from /proc. */
function usage(pid: number): { rssMb: number; cpuS: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rssMb: rss, cpuS: (Number(stat[11]) + Number(stat[12])) / 100 };
}

interface Table {
  id: string;
  seats: Record<string, Seat>;
  mirror: ExerciseState;
  views: Map<Seat, number>;
  acked: number[];
}

const roles: RoleId[] = ['nato', `ally:${scenario.allies[0].id}` as RoleId, `ally:${scenario.allies[1].id}` as RoleId, 'red:russia'];

async function main(): Promise<void> {
  const port = await freePort();
  const db = join(mkdtempSync(join(tmpdir(), 'coopsec-bench-')), 'classroom.db');
  const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build', '--rate', '1000'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => server.stdout!.on('data', (d) => String(d).includes('server on') && resolve()));
  const client = new ClassroomClient(`http://127.0.0.1:${port}`);
  const teams = scenario.partnerTeams.length ? [`partner:${scenario.partnerTeams[0].id}`] : ['partner:east'];
  const held = [...roles, ...teams] as RoleId[];

  const tables: Table[] = [];
  for (let i = 0; i < EXERCISES; i++) {
    const created = await client.createExercise({ scenario: scenario.id, seed: 100 + i, held, consensus: 'vote' });
    const seats: Record<string, Seat> = {};
    for (const role of held) {
      const j = await client.join({ code: created.code, role, holder: `bench-${i}-${role}` });
      seats[role] = await client.connect(created.exerciseId, { token: j.seatToken });
    }
    seats.white = await client.connect(created.exerciseId, { token: created.facilitatorToken });
    seats.observer = await client.connect(created.exerciseId, { code: created.code });
    const mirror = createExercise(scenario, defaultSetup(scenario, { seed: 100 + i, seats: { ...Object.fromEntries(held.map((r) => [r, { held: true }])), white: { held: true } }, consensus: 'vote' }));
    const views = new Map<Seat, number>();
    for (const s of Object.values(seats)) {
      views.set(s, 0);
      s.onView(() => views.set(s, views.get(s)! + 1));
    }
    tables.push({ id: created.exerciseId, seats, mirror, views, acked: [] });
  }
  const sockets = tables.reduce((n, t) => n + Object.keys(t.seats).length, 0);

  /** One move of a table: the stand-in of whoever it waits for; resolves with the latency to every client's new view. */
  async function step(t: Table): Promise<number | null> {
    if (t.mirror.finished) return null;
    const role = waitingFor(scenario, t.mirror)[0];
    const move = standInMove(scenario, t.mirror, role);
    const before = new Map([...t.views].map(([s, n]) => [s, n]));
    const start = performance.now();
    const r = await t.seats[role].act(move, role);
    if (!r.ok) return null;
    t.acked.push(r.seq);
    const local = applyMove(scenario, t.mirror, move);
    if (local.ok) t.mirror = local.state;
    const deadline = Date.now() + 10_000;
    while ([...t.views].some(([s, n]) => n <= before.get(s)!) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 1));
    return performance.now() - start;
  }

  async function run(label: string, seconds: number, pace: number | null): Promise<void> {
    const latencies: number[] = [];
    const cpu0 = usage(server.pid!);
    const t0 = Date.now();
    let moves = 0;
    await Promise.all(
      tables.map(async (t, i) => {
        if (pace) await new Promise((res) => setTimeout(res, (i * pace) / tables.length));
        while (Date.now() - t0 < seconds * 1000) {
          const began = Date.now();
          const l = await step(t);
          if (l === null) break;
          latencies.push(l);
          moves++;
          if (pace) await new Promise((res) => setTimeout(res, Math.max(0, pace - (Date.now() - began))));
        }
      }),
    );
    const elapsed = (Date.now() - t0) / 1000;
    const cpu1 = usage(server.pid!);
    latencies.sort((a, b) => a - b);
    console.log(
      `| ${label} | ${moves} | ${(moves / elapsed).toFixed(0)} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.95).toFixed(1)} | ${percentile(latencies, 0.99).toFixed(1)} | ${cpu1.rssMb.toFixed(0)} | ${(((cpu1.cpuS - cpu0.cpuS) / elapsed) * 100).toFixed(0)} % |`,
    );
  }

  console.log(`Classroom server on loopback: ${EXERCISES} exercises, ${sockets} sockets (era 4, five seats, White Cell and projector each)\n`);
  console.log('| load | moves | moves/s | p50 ms | p95 ms | p99 ms | server RSS MB | server CPU |');
  console.log('|---|---|---|---|---|---|---|---|');
  await run('classroom pace (a move every 2 s per exercise)', 30, 2000);
  await run('as fast as the server answers', 20, null);

  // Lost or duplicated: every acknowledged seq is in the stored log once, and nothing else is.
  let lost = 0;
  let duplicated = 0;
  // The stored logs are read straight from the database file (the export needs each facilitator token).
  const Database = (await import('better-sqlite3')).default;
  const store = new Database(db, { readonly: true });
  for (const t of tables) {
    const seqs = (store.prepare('SELECT seq FROM moves WHERE exercise_id = ? ORDER BY seq').all(t.id) as { seq: number }[]).map((r) => r.seq);
    const stored = new Set(seqs);
    lost += t.acked.filter((s) => !stored.has(s)).length;
    duplicated += seqs.length - stored.size + (t.acked.length - new Set(t.acked).size);
  }
  store.close();
  console.log(`\nlost moves: ${lost}, duplicated moves: ${duplicated}`);
  console.log('Goals on a 2-core machine: p95 < 50 ms at classroom pace, at least 2,000 moves/s flat out, RSS < 400 MB, no move lost or duplicated.');
  for (const t of tables) for (const s of Object.values(t.seats)) await s.leave().catch(() => undefined);
  server.kill('SIGTERM');
  process.exit(0);
}

main().catch((error) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
