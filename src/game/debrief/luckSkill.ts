/**
 * The luck-vs-skill workers, kept for the whole session: `prewarmLuckSkill` starts them
 * while the player is still in an era so the compiler has optimised the rules core by the
 * debrief; `runLuckSkill` shares the 1,000 replays out among them (one per core but one, up to
 * four) and gathers the scores in seed order. A browser without module workers gets a clear
 * failure reply instead of a frozen debrief.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import { seedsFor, type LuckSkillProgress, type LuckSkillReply, type LuckSkillRequest, type LuckSkillWarmUp } from './luckSkill.protocol';

export interface LuckSkillJob {
  result: Promise<LuckSkillReply>;
  cancel(): void;
}

let pool: Worker[] = [];
let warmedFor: Scenario | null = null;

function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  // Leave a core for the page itself.
  return Math.max(1, Math.min(4, cores - 1));
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

/** Starts warming the workers for an era's scenario (once per scenario); never throws. */
export function prewarmLuckSkill(scenario: Scenario): void {
  if (warmedFor === scenario) return;
  try {
    const message: LuckSkillWarmUp = { kind: 'warm', scenario };
    for (const w of workers()) w.postMessage(message);
    warmedFor = scenario;
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
      w.onmessage = (event: MessageEvent<LuckSkillReply | LuckSkillProgress>) => {
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
