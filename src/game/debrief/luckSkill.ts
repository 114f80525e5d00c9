/**
 * The luck-vs-skill workers, kept for the whole session: `prewarmLuckSkill` warms them up
 * while the player is still in an era, one after the other so that at most one core is
 * busy while the board is in use, and the compiler has optimised the rules core by the
 * debrief; `runLuckSkill` shares the 1,000 replays out among them (one per core, up to
 * four: the debrief page is idle while they run) and gathers the scores in seed order. A
 * browser without module workers gets a clear failure reply instead of a frozen debrief.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import { seedsFor, type LuckSkillProgress, type LuckSkillReply, type LuckSkillRequest, type LuckSkillWarmUp, type LuckSkillWarmed } from './luckSkill.protocol';

export interface LuckSkillJob {
  result: Promise<LuckSkillReply>;
  cancel(): void;
}

let pool: Worker[] = [];
let warmedFor: Scenario | null = null;

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
      if (i >= team.length || warmedFor !== scenario || pool !== team) return;
      team[i].addEventListener('message', function next(event: MessageEvent<LuckSkillWarmed | LuckSkillReply | LuckSkillProgress>) {
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
    const seeds = seedsFor(runs, seed);
    const slice = Math.ceil(seeds.length / team.length);
    const parts: (number[] | null)[] = team.map(() => null);
    const done = team.map(() => 0);
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
    team.forEach((w, i) => {
      const mine = seeds.slice(i * slice, (i + 1) * slice);
      w.onmessage = (event: MessageEvent<LuckSkillReply | LuckSkillProgress | LuckSkillWarmed>) => {
        if ('warmed' in event.data) return;
        if ('progress' in event.data) {
          done[i] = event.data.progress;
          onProgress?.(done.reduce((a, b) => a + b, 0));
          return;
        }
        if (!event.data.ok) {
          finish(event.data);
          return;
        }
        parts[i] = event.data.scores;
        if (parts.every((p) => p !== null)) finish({ ok: true, scores: parts.flat() as number[], ms: performance.now() - start });
      };
      w.onerror = (event) => {
        event.preventDefault();
        finish({ ok: false, reason: event.message || 'the worker failed' });
      };
      const request: LuckSkillRequest = { kind: 'rerun', scenario, log, seeds: mine };
      w.postMessage(request);
    });
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
