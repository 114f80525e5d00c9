/**
 * The luck-vs-skill worker, kept for the whole session: `prewarmLuckSkill` starts it while
 * the player is still in an era so the compiler has optimised the rules core by the
 * debrief; `runLuckSkill` asks it for the 1,000 replays. A browser without module workers
 * gets a clear failure reply instead of a frozen debrief.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import type { LuckSkillProgress, LuckSkillReply, LuckSkillRequest, LuckSkillWarmUp } from './luckSkill.worker';

export interface LuckSkillJob {
  result: Promise<LuckSkillReply>;
  cancel(): void;
}

let shared: Worker | null = null;
let warmedFor: Scenario | null = null;

function worker(): Worker {
  shared ??= new Worker(new URL('./luckSkill.worker.ts', import.meta.url), { type: 'module' });
  return shared;
}

function dispose(): void {
  shared?.terminate();
  shared = null;
  warmedFor = null;
}

/** Starts warming the worker for an era's scenario (once per scenario); never throws. */
export function prewarmLuckSkill(scenario: Scenario): void {
  if (warmedFor === scenario) return;
  try {
    const message: LuckSkillWarmUp = { kind: 'warm', scenario };
    worker().postMessage(message);
    warmedFor = scenario;
  } catch {
    // No module workers: the debrief reports it when it asks for the replays.
  }
}

export function runLuckSkill(scenario: Scenario, log: LogEntry[], seed: number, runs = 1000, onProgress?: (done: number) => void): LuckSkillJob {
  let active: Worker | null = null;
  const result = new Promise<LuckSkillReply>((resolve) => {
    try {
      active = worker();
    } catch (error) {
      resolve({ ok: false, reason: (error as Error).message });
      return;
    }
    const w = active;
    w.onmessage = (event: MessageEvent<LuckSkillReply | LuckSkillProgress>) => {
      if ('progress' in event.data) {
        onProgress?.(event.data.progress);
        return;
      }
      w.onmessage = null;
      active = null;
      resolve(event.data);
    };
    w.onerror = (event) => {
      event.preventDefault();
      resolve({ ok: false, reason: event.message || 'the worker failed' });
      active = null;
      dispose();
    };
    const request: LuckSkillRequest = { kind: 'rerun', scenario, log, runs, seed };
    w.postMessage(request);
  });
  return {
    result,
    cancel: () => {
      // A cancelled run leaves the worker mid-job: start a fresh one next time.
      if (active) dispose();
      active = null;
    },
  };
}
