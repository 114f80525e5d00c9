/**
 * The luck-vs-skill workers, kept for the whole session: `prewarmLuckSkill` warms them up
 * while the player is still in an era, one after the other so that at most one core is
 * busy while the board is in use, and the compiler has optimised the rules core by the
 * debrief; `runLuckSkill` deals the 1,000 replays out among them in small shares, each
 * to the next free worker (one per core, up to four: the debrief page is idle while they
 * run), so a worker slowed by other work on its core holds nobody up, and gathers the
 * scores in seed order. A browser without module workers gets a clear failure reply
 * instead of a frozen debrief.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import { seedsFor, type LuckSkillReply, type LuckSkillRequest, type LuckSkillScores, type LuckSkillWarmUp, type LuckSkillWarmed } from './luckSkill.protocol';

export interface LuckSkillJob {
  result: Promise<LuckSkillReply>;
  cancel(): void;
}

let pool: Worker[] = [];
let warmedFor: Scenario | null = null;
/** True while a job's replays are under way. */
let replaying = false;

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
  warmedFor = null;
}

/**
 * Starts warming the workers for an era's scenario (once per scenario), one at a time:
 * each passes the turn to the next when it reports its warm-up done. Never throws.
 */
export function prewarmLuckSkill(scenario: Scenario): void {
  if (warmedFor === scenario) return;
  try {
    const team = workers();
    const message: LuckSkillWarmUp = { kind: 'warm', scenario };
    const warm = (i: number) => {
      // A job under way has the workers warm already: the rest of the chain is dropped.
      if (i >= team.length || warmedFor !== scenario || pool !== team || replaying) return;
      team[i].addEventListener('message', function next(event: MessageEvent<LuckSkillWarmed | LuckSkillReply | LuckSkillScores>) {
        if (!('warmed' in event.data)) return;
        team[i].removeEventListener('message', next);
        warm(i + 1);
      });
      team[i].postMessage(message);
    };
    warmedFor = scenario;
    warm(0);
  } catch {
    // No module workers: the debrief reports it when it asks for the replays.
  }
}

/** Seeds in one share of a job, and shares each worker holds at once (the next is queued while one runs). */
const SHARE = 50;
const IN_FLIGHT = 2;
let jobs = 0;

export function runLuckSkill(scenario: Scenario, log: LogEntry[], seed: number, runs = 1000, onProgress?: (done: number) => void): LuckSkillJob {
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
    replaying = true;
    const job = ++jobs;
    const seeds = seedsFor(runs, seed);
    const scores: number[] = new Array<number>(seeds.length);
    let dealt = 0;
    let done = 0;
    const start = performance.now();
    const finish = (reply: LuckSkillReply) => {
      if (!running) return;
      running = false;
      replaying = false;
      for (const w of team) {
        w.onmessage = null;
        w.onerror = null;
      }
      if (!reply.ok) dispose();
      resolve(reply);
    };
    // The next share of seeds to whichever worker asks; its first brings the game along.
    const deal = (w: Worker, first: boolean) => {
      if (dealt >= seeds.length) return;
      const from = dealt;
      dealt = Math.min(seeds.length, dealt + SHARE);
      const request: LuckSkillRequest = first
        ? { kind: 'rerun', job, scenario, log, from, seeds: seeds.slice(from, dealt) }
        : { kind: 'rerun', job, from, seeds: seeds.slice(from, dealt) };
      w.postMessage(request);
    };
    for (const w of team) {
      w.onmessage = (event: MessageEvent<LuckSkillReply | LuckSkillScores | LuckSkillWarmed>) => {
        const data = event.data;
        if ('warmed' in data) return;
        if ('ok' in data) {
          // Only failures come this way: scores come by share.
          if (!data.ok) finish(data);
          return;
        }
        if (data.job !== job) return;
        for (let i = 0; i < data.scores.length; i++) scores[data.from + i] = data.scores[i];
        done += data.scores.length;
        onProgress?.(done);
        if (done >= seeds.length) finish({ ok: true, scores, ms: performance.now() - start });
        else deal(w, false);
      };
      w.onerror = (event) => {
        event.preventDefault();
        finish({ ok: false, reason: event.message || 'the worker failed' });
      };
    }
    for (let k = 0; k < IN_FLIGHT; k++) for (const w of team) deal(w, k === 0);
  });
  return {
    result,
    cancel: () => {
      // A cancelled run leaves the workers mid-job: start fresh ones next time.
      if (running) dispose();
      running = false;
      replaying = false;
    },
  };
}
