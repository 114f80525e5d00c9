/**
 * Starts the luck-vs-skill worker and resolves with its reply. The worker runs the rules
 * core over 1,000 seeds off the main thread; a browser without module workers gets a
 * clear failure reply instead of a frozen debrief.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import type { LuckSkillProgress, LuckSkillReply, LuckSkillRequest } from './luckSkill.worker';

export interface LuckSkillJob {
  result: Promise<LuckSkillReply>;
  cancel(): void;
}

export function runLuckSkill(scenario: Scenario, log: LogEntry[], seed: number, runs = 1000, onProgress?: (done: number) => void): LuckSkillJob {
  let worker: Worker | null = null;
  const result = new Promise<LuckSkillReply>((resolve) => {
    try {
      worker = new Worker(new URL('./luckSkill.worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      resolve({ ok: false, reason: (error as Error).message });
      return;
    }
    worker.onmessage = (event: MessageEvent<LuckSkillReply | LuckSkillProgress>) => {
      if ('progress' in event.data) {
        onProgress?.(event.data.progress);
        return;
      }
      resolve(event.data);
      worker?.terminate();
      worker = null;
    };
    worker.onerror = (event) => {
      event.preventDefault();
      resolve({ ok: false, reason: event.message || 'the worker failed' });
      worker?.terminate();
      worker = null;
    };
    const request: LuckSkillRequest = { scenario, log, runs, seed };
    worker.postMessage(request);
  });
  return {
    result,
    cancel: () => {
      worker?.terminate();
      worker = null;
    },
  };
}
