/**
 * The luck-vs-skill workers, kept for the whole session (one per core, up to four).
 *
 * - `followLuckSkill` is called as the game is played: each time it moves on a year, every
 *   worker in turn (one at a time, so a core stays free for the board) plays its shares of
 *   the 1,000 other seeds' games on through that year with the player's decisions, so the
 *   debrief has only the last turn left to replay.
 * - `runLuckSkill` asks for the scores: each worker first finishes the shares it followed,
 *   then takes whatever shares are left, so a worker slowed by other work on its core holds
 *   nobody up; the scores are gathered in seed order.
 *
 * A browser without module workers gets a clear failure reply instead of a frozen debrief.
 */
import type { Scenario } from '../../core/scenario';
import type { GameState, LogEntry } from '../../core/state';
import { gameKey, RUNS, seedsFor, sharesOf, type LuckSkillFollow, type LuckSkillFollowed, type LuckSkillReply, type LuckSkillRequest, type LuckSkillScores, type LuckSkillShare } from './luckSkill.protocol';

export interface LuckSkillJob {
  result: Promise<LuckSkillReply>;
  cancel(): void;
}

let pool: Worker[] = [];
/** What the workers were last told to follow, so a phase change that moved no year sends nothing. */
let lastFollow: { game: string; through: number; entries: number } | null = null;

function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, cores));
}

function workers(): Worker[] {
  while (pool.length < poolSize()) pool.push(new Worker(new URL('./luckSkill.worker.ts', import.meta.url), { type: 'module' }));
  return pool;
}

function dispose(): void {
  for (const w of pool) w.terminate();
  pool = [];
  lastFollow = null;
}

/** The shares worker `w` of `n` follows and finishes first: every n-th, from the w-th. */
function sharesFor(shares: LuckSkillShare[], w: number, n: number): LuckSkillShare[] {
  return shares.filter((_, i) => i % n === w);
}

/**
 * Keeps the workers' replays up with the game: once a year's turn is over (the game is in
 * a later year, or finished), each worker plays its shares' games on through that year.
 * Cheap to call on every phase change; never throws.
 */
export function followLuckSkill(scenario: Scenario, game: GameState): void {
  const through = game.finished ? scenario.end : game.year - 1;
  if (through < scenario.start) return;
  const key = gameKey(scenario.id, game.seed);
  if (lastFollow && lastFollow.game === key && lastFollow.through === through && lastFollow.entries === game.log.length) return;
  try {
    const team = workers();
    const shares = sharesOf(seedsFor(RUNS, game.seed));
    // One worker after the other, so that at most one core is busy while the board is in use.
    const next = (i: number) => {
      if (i >= team.length || pool !== team) return;
      team[i].addEventListener('message', function done(event: MessageEvent<LuckSkillFollowed | LuckSkillReply | LuckSkillScores>) {
        if (!('followed' in event.data)) return;
        team[i].removeEventListener('message', done);
        next(i + 1);
      });
      const message: LuckSkillFollow = { kind: 'follow', game: key, scenario, log: game.log, through, shares: sharesFor(shares, i, team.length) };
      team[i].postMessage(message);
    };
    next(0);
    lastFollow = { game: key, through, entries: game.log.length };
  } catch {
    // No module workers: the debrief reports it when it asks for the scores.
  }
}

/** Shares each worker holds at once: the next waits while one runs. */
const IN_FLIGHT = 2;
let jobs = 0;

export function runLuckSkill(scenario: Scenario, log: LogEntry[], seed: number, runs = RUNS, onProgress?: (done: number) => void): LuckSkillJob {
  let running = false;
  const result = new Promise<LuckSkillReply>((resolve) => {
    let team: Worker[];
    try {
      team = workers();
    } catch (error) {
      resolve({ ok: false, reason: (error as Error).message });
      return;
    }
    running = true;
    const job = ++jobs;
    const game = { id: gameKey(scenario.id, seed), scenario, log };
    const seeds = seedsFor(runs, seed);
    const shares = sharesOf(seeds);
    // Each worker's own shares (those it followed), in order; the others take from the end.
    const queues = team.map((_, i) => sharesFor(shares, i, team.length));
    const briefed = team.map(() => false);
    const scores: number[] = new Array<number>(seeds.length);
    let done = 0;
    const start = performance.now();
    const finish = (reply: LuckSkillReply) => {
      if (!running) return;
      running = false;
      for (const w of team) {
        w.onmessage = null;
        w.onerror = null;
      }
      if (!reply.ok) dispose();
      resolve(reply);
    };
    // Shares the workers followed are a turn's work for their owner but a whole era's for
    // any other worker: taken over only when the game was not followed.
    const steal = lastFollow?.game !== game.id;
    const deal = (i: number) => {
      let share = queues[i].shift();
      if (!share && steal) {
        const other = queues.reduce((best, q) => (q.length > best.length ? q : best), queues[i]);
        share = other.pop();
      }
      if (!share) return;
      const request: LuckSkillRequest = briefed[i] ? { kind: 'rerun', job, ...share } : { kind: 'rerun', job, game, ...share };
      briefed[i] = true;
      team[i].postMessage(request);
    };
    team.forEach((w, i) => {
      w.onmessage = (event: MessageEvent<LuckSkillReply | LuckSkillScores | LuckSkillFollowed>) => {
        const data = event.data;
        if ('followed' in data) return;
        if ('ok' in data) {
          // Only failures come this way: scores come by share.
          if (!data.ok) finish(data);
          return;
        }
        if (data.job !== job) return;
        for (let k = 0; k < data.scores.length; k++) scores[data.from + k] = data.scores[k];
        done += data.scores.length;
        onProgress?.(done);
        if (done >= seeds.length) finish({ ok: true, scores, ms: performance.now() - start });
        else deal(i);
      };
      w.onerror = (event) => {
        event.preventDefault();
        finish({ ok: false, reason: event.message || 'the worker failed' });
      };
    });
    for (let k = 0; k < IN_FLIGHT; k++) team.forEach((_, i) => deal(i));
  });
  return {
    result,
    cancel: () => {
      // A cancelled run leaves the workers mid-job: start fresh ones next time.
      if (running) dispose();
      running = false;
    },
  };
}
