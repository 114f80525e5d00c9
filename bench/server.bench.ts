/**
 * `npm run bench:server`: the classroom server under a college's load, on loopback only
 * (docs/facilitator-guide-network.md). A server process is started with `npm run
 * classroom`'s Node flags and a fresh database; 50 exercises each get 7 clients (NATO, two
 * capitals, a red cell, a partner team, the White Cell and a projector: 350 sockets). Moves
 * are those of the engine's stand-ins, made through the seats that hold them, first at a
 * classroom pace (each exercise one move every two seconds, for 30 s), then as fast as the
 * server answers (for 20 s, or until every exercise has reached its era's end; moves per
 * second are also given for the time all 50 exercises play, until the first reaches its
 * era's end: after that, fewer and fewer exercises load the server). Each exercise's moves
 * are worked out before the clock starts (the stand-ins playing the era on a local engine:
 * the engine is deterministic, so the server's state follows the same moves), so the load
 * generator, which shares the machine's two cores with the server, spends them on its
 * sockets rather than on a second engine per exercise; a move's latency ends when the last
 * client of its exercise has been handed the new view (by its seat, which puts the patches
 * together; the White Cell's console is sent the move's log entry instead, and replays it
 * into its views itself, on its own laptop). It prints the latency from a move sent to every
 * client of its exercise holding the new view (the server runs with its per-seat rate limit
 * lifted, so the figure is its capacity) (p50/p95/p99), moves per second, the server's RSS
 * and CPU, and lost or duplicated moves (the acknowledged moves against each exercise's
 * stored log). Then, for scale, the floor: the same sockets and load generator against a
 * bare Colyseus room that does none of the server's own work. Bounded in count and time; it
 * stops by itself. Figures, not a test. `-- --processes <n>` starts n server processes that
 * share the exercises through a Redis of their own (as `npm run classroom -- --redis` runs
 * them; redis-server needed): what the scale-out gives on the machine the bench runs on.
 * `-- --no-views` loads ./no-views.ts into the server: its rooms send empty patches instead
 * of building views, so the figures are those of everything but the views.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { loadScenarioFile, scenarioFiles } from '../src/cli/files';
import { percentile } from '../src/cli/common';
import type { Scenario } from '../src/core/scenario';
import { applyMove, createExercise, defaultSetup, waitingFor } from '../src/exercise/engine';
import { standInMove } from '../src/exercise/standIn';
import type { Move, RoleId } from '../src/exercise/types';
import { ClassroomClient, type Seat } from '../src/net/client';
import { newViewMemo, viewsFor } from '../src/exercise/views';
import { shareUnchanged } from '../src/exercise/share';
import { MoveCache, RoleFeed } from '../src/server/feed';
import { Client, type Room } from '@colyseus/sdk';
import { getMessageBytes, Protocol, Room as ColyseusRoom, Server } from '@colyseus/core';

const EXERCISES = 50;
const root = join(import.meta.dirname, '..');
/** Node's flags in `npm run classroom` (package.json's script), read from there so the bench runs the server as a college does. */
const CLASSROOM_NODE_FLAGS = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.classroom as string).split(' ').filter((w) => w.startsWith('--max-'));
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

/** The server processes' resident memory (MB) and CPU seconds so far, together and each process's, from /proc. */
function usage(...pids: number[]): { rssMb: number; cpuS: number; each: number[] } {
  const each = pids.map(usageOf);
  return { rssMb: each.reduce((n, u) => n + u.rssMb, 0), cpuS: each.reduce((n, u) => n + u.cpuS, 0), each: each.map((u) => u.cpuS) };
}

/** One process's resident memory (MB) and CPU seconds so far. */
function usageOf(pid: number): { rssMb: number; cpuS: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rssMb: rss, cpuS: (Number(stat[11]) + Number(stat[12])) / 100 };
}

interface Table {
  id: string;
  seats: Record<string, Seat>;
  /** The era's moves, worked out beforehand, and how many have been made. */
  script: Move[];
  next: number;
  /** Clients still to be handed the current move's view, and who to tell when none is left. */
  waiting: number;
  settled: (() => void) | null;
  acked: number[];
}

/** The set-up of a benchmark exercise: these roles and the White Cell held, decisions by vote. */
const setupOf = (seed: number, held: RoleId[]) => defaultSetup(scenario, { seed, seats: { ...Object.fromEntries(held.map((r) => [r, { held: true }])), white: { held: true } }, consensus: 'vote' });

/** An exercise's moves to its era's end, as the stand-ins play them. */
function script(seed: number, held: RoleId[]): Move[] {
  let ex = createExercise(scenario, setupOf(seed, held));
  const moves: Move[] = [];
  while (!ex.finished) {
    const move = standInMove(scenario, ex, waitingFor(scenario, ex)[0]);
    const r = applyMove(scenario, ex, move);
    if (!r.ok) throw new Error(`the stand-in's ${move.type} was refused: ${r.reason}`);
    ex = r.state;
    moves.push(move);
  }
  return moves;
}

const roles: RoleId[] = ['nato', `ally:${scenario.allies[0].id}` as RoleId, `ally:${scenario.allies[1].id}` as RoleId, 'red:russia'];

/**
 * What `npm run bench:server -- …` was given: how many server processes to start (with a
 * Redis between them when more than one), and whether their rooms build no views (./no-views.ts).
 */
function options(): { processes: number; noViews: boolean } {
  const usageLine =
    'usage: npm run bench:server [-- --processes <n>] [--no-views]   (n server processes sharing a Redis, as `npm run classroom -- --redis` runs them, default 1; --no-views: rooms send empty patches instead of building views, to measure everything else)';
  let given: string | undefined;
  let noViews = false;
  try {
    const values = parseArgs({ args: process.argv.slice(2), options: { processes: { type: 'string' }, 'no-views': { type: 'boolean' } }, strict: true }).values;
    given = values.processes;
    noViews = values['no-views'] ?? false;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usageLine}`);
    process.exit(2);
  }
  const processes = Number(given ?? 1);
  if (!Number.isInteger(processes) || processes < 1 || processes > 8) {
    console.error(`--processes takes a whole number from 1 to 8 (got "${given}")\n${usageLine}`);
    process.exit(2);
  }
  if (processes > 1 && spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    console.error('--processes above 1 needs Redis, and redis-server is not installed (on Debian: apt-get install redis-server)');
    process.exit(2);
  }
  return { processes, noViews };
}

/** Starts once the process's `npm run classroom` (or the bare room) prints its address. */
const started = (child: ChildProcess) => new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('server on') && resolve()));

async function main(): Promise<void> {
  const { processes, noViews } = options();
  const ports = [];
  for (let i = 0; i < processes; i++) ports.push(await freePort());
  const port = ports[0];
  const db = join(mkdtempSync(join(tmpdir(), 'coopsec-bench-')), 'classroom.db');
  // Several processes share exercises through a Redis of their own, on a free loopback port, kept in memory only.
  const redisPort = processes > 1 ? await freePort() : 0;
  const redis = processes > 1 ? spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] }) : null;
  if (redis) await new Promise<void>((resolve) => redis.stdout!.on('data', (d) => String(d).includes('Ready to accept connections') && resolve()));
  // BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops (where its time goes).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  // BENCH_SERVER_FLAGS="--single-threaded-gc …": Node flags to try on the server (after the classroom's own);
  // BENCH_SERVER_OUT=<file>: what the server prints goes there too (e.g. with --trace-gc).
  const extra = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const servers = ports.map((p) =>
    spawn(process.execPath, [...profile, ...CLASSROOM_NODE_FLAGS, ...extra, '--import', 'tsx', ...(noViews ? ['--import', join(root, 'bench/no-views.ts')] : []), join(root, 'src/server/main.ts'), '--port', String(p), '--db', db, '--no-build', '--rate', '1000', ...(redis ? ['--redis', `127.0.0.1:${redisPort}`] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  for (const server of servers) {
    if (process.env.BENCH_SERVER_OUT) server.stdout!.on('data', (d) => appendFileSync(process.env.BENCH_SERVER_OUT!, d));
    await started(server);
  }
  const pids = servers.map((s) => s.pid!);
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
    const table: Table = { id: created.exerciseId, seats, script: script(100 + i, held), next: 0, waiting: 0, settled: null, acked: [] };
    const handed = () => {
      if (table.waiting > 0 && --table.waiting === 0) table.settled?.();
    };
    // The White Cell is sent the move's log entry, which its console replays (its own laptop's work, not the server's).
    for (const [role, s] of Object.entries(seats)) if (role === 'white') s.onRecord((_, entry) => entry && handed());
    else s.onView(handed);
    tables.push(table);
  }
  const sockets = tables.reduce((n, t) => n + Object.keys(t.seats).length, 0);
  const clients = Object.keys(tables[0].seats).length;

  /** One move of a table: the stand-in of whoever it waits for; resolves with the latency to every client's new view. */
  async function step(t: Table): Promise<number | null> {
    const move = t.script[t.next];
    if (!move) return null;
    const clients = Object.keys(t.seats).length;
    const start = performance.now();
    // Every client of the exercise is handed one new view per move.
    const settled = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      t.settled = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    t.waiting = clients;
    const r = await t.seats[move.role].act(move, move.role);
    if (!r.ok) {
      console.error(`refused: ${move.role} ${move.type}: ${r.reason}`);
      return null;
    }
    t.acked.push(r.seq);
    t.next++;
    if (!(await settled)) console.error(`exercise ${t.id}: ${t.waiting} clients still without the view of move ${r.seq} after 10 s`);
    t.settled = null;
    return performance.now() - start;
  }

  /** With several server processes: each one's CPU under each load (how evenly the exercises spread). */
  const spread: string[] = [];

  async function run(label: string, seconds: number, pace: number | null): Promise<void> {
    const latencies: number[] = [];
    const cpu0 = usage(...pids);
    const own0 = process.cpuUsage();
    const t0 = Date.now();
    let moves = 0;
    // Until the first exercise reaches its era's end, all of them play: the load is the whole college's.
    let allPlaying: { moves: number; seconds: number } | null = null;
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
        allPlaying ??= { moves, seconds: (Date.now() - t0) / 1000 };
      }),
    );
    const elapsed = (Date.now() - t0) / 1000;
    const sustained = allPlaying as { moves: number; seconds: number } | null;
    const cpu1 = usage(...pids);
    const own = process.cpuUsage(own0);
    latencies.sort((a, b) => a - b);
    if (pids.length > 1) spread.push(`${label}: ${cpu1.each.map((c, i) => `${(((c - cpu0.each[i]) / elapsed) * 100).toFixed(0)} %`).join(', ')}`);
    console.log(
      `| ${label} | ${moves} | ${(moves / elapsed).toFixed(0)} | ${sustained ? (sustained.moves / sustained.seconds).toFixed(0) : '–'} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.95).toFixed(1)} | ${percentile(latencies, 0.99).toFixed(1)} | ${cpu1.rssMb.toFixed(0)} | ${(((cpu1.cpuS - cpu0.cpuS) / elapsed) * 100).toFixed(0)} % | ${(((cpu1.cpuS - cpu0.cpuS) * 1000) / Math.max(1, moves)).toFixed(2)} | ${((own.user + own.system) / 1e4 / elapsed).toFixed(0)} % |`,
    );
  }

  const across = processes > 1 ? `, ${processes} server processes sharing a Redis (the table's server figures are their sums)` : '';
  const viewless = noViews ? '; --no-views: after a move every connection is sent an empty patch, no view is built (the cost of all but the views)' : '';
  console.log(`Classroom server on loopback: ${EXERCISES} exercises, ${sockets} sockets (era 4, five seats, White Cell and projector each)${across}${viewless}\n`);
  console.log('| load | moves | moves/s | moves/s while all 50 play | p50 ms | p95 ms | p99 ms | server RSS MB | server CPU | server CPU ms per move | load generator CPU |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
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
  if (spread.length) console.log(`\nEach server process's CPU — ${spread.join('; ')}`);
  for (const t of tables) for (const s of Object.values(t.seats)) await s.leave().catch(() => undefined);
  for (const server of servers) server.kill('SIGTERM');
  redis?.kill('SIGTERM');
  await floor(clients);
  alone(held, tables.map((t) => t.script));

  console.log('Goals on a 2-core machine: p95 < 50 ms at classroom pace, at least 2,000 moves/s flat out, RSS < 400 MB, no move lost or duplicated.');
  process.exit(0);
}

/**
 * A move's own work on the server, measured alone in this process (no sockets, no database,
 * no load generator): the engine, sharing what the move left unchanged with the state
 * before (as the room does), the views of the six roles the room builds views for (all but
 * the White Cell), their patches and their encoding, over the same eras interleaved as the
 * server plays them, each exercise
 * with its own memo and feeds as a room keeps them. The second of two passes (the first
 * warms the code up). What the loaded server spends on the same work is more: it shares
 * the cores and their caches with the load generator.
 */
function alone(held: RoleId[], scripts: Move[][]): void {
  // The roles the room builds views for: the White Cell's console builds its own.
  const readers = [...held, 'observer'] as RoleId[];
  let line = '';
  for (let pass = 0; pass < 2; pass++) {
    const rooms = scripts.map((_, i) => {
      const ex = createExercise(scenario, setupOf(100 + i, held));
      const memo = newViewMemo();
      const feeds = readers.map(() => new RoleFeed());
      viewsFor(scenario, ex, readers, memo).forEach((v, j) => feeds[j].update(v, new MoveCache(), 0));
      return { ex, memo, feeds, next: 0 };
    });
    const spent = { engine: 0, sharing: 0, views: 0, patches: 0, encoding: 0 };
    let moves = 0;
    for (let live = true; live; ) {
      live = false;
      rooms.forEach((r, i) => {
        const move = scripts[i][r.next];
        if (!move) return;
        live = true;
        r.next++;
        const t0 = performance.now();
        const result = applyMove(scenario, r.ex, move, Date.now());
        if (!result.ok) throw new Error(`the stand-in's ${move.type} was refused: ${result.reason}`);
        const ta = performance.now();
        r.ex = shareUnchanged(r.ex, result.state);
        const t1 = performance.now();
        const views = viewsFor(scenario, r.ex, readers, r.memo);
        const t2 = performance.now();
        const cache = new MoveCache();
        const patches = views.map((v, j) => r.feeds[j].update(v, cache, r.next).patch);
        const t3 = performance.now();
        // As the room does: patches that read the same are encoded once.
        const encoded: string[] = [];
        for (const patch of patches)
          if (!encoded.some((e) => e.length === patch.length && e === patch)) {
            encoded.push(patch);
            getMessageBytes.raw(Protocol.ROOM_DATA, 'patch', patch);
          }
        const t4 = performance.now();
        spent.engine += ta - t0;
        spent.sharing += t1 - ta;
        spent.views += t2 - t1;
        spent.patches += t3 - t2;
        spent.encoding += t4 - t3;
        moves++;
      });
    }
    const us = (ms: number) => ((ms * 1000) / moves).toFixed(0);
    line = `engine ${us(spent.engine)} µs, sharing what the move left unchanged ${us(spent.sharing)} µs, the ${readers.length} views ${us(spent.views)} µs, their patches ${us(spent.patches)} µs, encoding them ${us(spent.encoding)} µs`;
  }
  console.log(`\nA move's own work, measured alone (${scripts.length} eras interleaved in this process, no sockets or database): ${line}.`);
}

/**
 * The floor's message (bytes): the average patch a client was sent for a move on era 4's
 * stand-ins while the White Cell was sent views too. A move's messages now average about
 * 1,850 bytes a client (12.3 kB of patches to six clients, a log entry of 0.7 kB on average
 * to the White Cell): the floor, kept at 2,500, is the lower for it, so the gap it shows is
 * not understated.
 */
const FLOOR_MESSAGE_BYTES = 2500;

/**
 * The floor under those figures on this machine: the same 50 × 7 sockets and the same
 * load generator against a bare Colyseus room (no engine, no database, no views) that
 * answers each move with an acknowledgement and one message of a patch's average size to
 * each client, as the classroom server does. What the classroom server adds is its own work.
 */
async function floor(clientsPerTable: number): Promise<void> {
  const port = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/server.bench.ts'), '--floor-server', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await started(bare);
  const sdk = new Client(`http://127.0.0.1:${port}`);
  const tables: { rooms: Room[]; waiting: number; settled: (() => void) | null }[] = [];
  for (let i = 0; i < EXERCISES; i++) {
    const rooms = [await sdk.create('bare')];
    while (rooms.length < clientsPerTable) rooms.push(await sdk.joinById(rooms[0].roomId));
    const table = { rooms, waiting: 0, settled: null as (() => void) | null };
    for (const r of rooms) {
      r.onMessage('patch', (text: string) => {
        JSON.parse(text);
        if (table.waiting > 0 && --table.waiting === 0) table.settled?.();
      });
      r.onMessage('ack', () => undefined);
    }
    tables.push(table);
  }
  const cpu0 = usage(bare.pid!);
  const t0 = Date.now();
  let moves = 0;
  await Promise.all(
    tables.map(async (t, i) => {
      while (Date.now() - t0 < 5000) {
        await new Promise<void>((resolve) => {
          t.waiting = t.rooms.length;
          t.settled = resolve;
          t.rooms[(moves + i) % t.rooms.length].send('move', { role: 'nato', type: 'phase.ready' });
        });
        moves++;
      }
    }),
  );
  const elapsed = (Date.now() - t0) / 1000;
  const cpu = usage(bare.pid!).cpuS - cpu0.cpuS;
  console.log(
    `\nThe floor on this machine: a bare Colyseus room (no engine, no database, no views) answering each move with an acknowledgement and a ${FLOOR_MESSAGE_BYTES}-byte message to each of the same ${EXERCISES * clientsPerTable} sockets: ${(moves / elapsed).toFixed(0)} moves/s, its CPU ${((cpu / elapsed) * 100).toFixed(0)} %, ${((cpu * 1000) / Math.max(1, moves)).toFixed(2)} ms a move.`,
  );
  for (const t of tables) for (const r of t.rooms) await r.leave().catch(() => undefined);
  bare.kill('SIGTERM');
}

/** The bare room of `floor`, run in its own process as the classroom server is. */
async function floorServer(port: number): Promise<void> {
  const { WebSocketTransport } = await import('@colyseus/ws-transport');
  const { createServer: createHttp } = await import('node:http');
  const filler = 'x'.repeat(FLOOR_MESSAGE_BYTES - 20);
  class Bare extends ColyseusRoom {
    override autoDispose = false;
    seq = 0;
    override onCreate(): void {
      this.onMessage('move', (client) => {
        this.seq++;
        client.send('ack', { seq: this.seq });
        const bytes = getMessageBytes.raw(Protocol.ROOM_DATA, 'patch', `{"seq":${this.seq},"d":"${filler}"}`);
        for (const c of this.clients) c.enqueueRaw(bytes);
      });
    }
  }
  const game = new Server({ transport: new WebSocketTransport({ server: createHttp() }) });
  game.define('bare', Bare);
  await game.listen(port, '127.0.0.1');
  console.log('server on', port);
}

(process.argv[2] === '--floor-server' ? floorServer(Number(process.argv[3])) : main()).catch((error) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
