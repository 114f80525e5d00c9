/**
 * Luck vs skill, off the main thread: replays the player's own decisions (the game's log)
 * over 1,000 other seeds with the rules core and posts back the era scores and how long
 * it took. The board stays responsive while it runs.
 */
import { rerunOverSeeds } from '../../core/game';
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';

export interface LuckSkillRequest {
  scenario: Scenario;
  log: LogEntry[];
  runs: number;
  /** The player's own seed is left out so the spread is of other dice. */
  seed: number;
}

export type LuckSkillReply = { ok: true; scores: number[]; ms: number } | { ok: false; reason: string };
/** Sent every batch so the debrief can show how far the replays have got. */
export interface LuckSkillProgress {
  progress: number;
}

const BATCH = 50;

/** Well-spread seeds that never include the player's own. */
export function seedsFor(runs: number, own: number): number[] {
  const seeds: number[] = [];
  for (let i = 1; seeds.length < runs; i++) {
    const seed = (Math.imul(i, 2654435761) >>> 0) % 2_000_000_000;
    if (seed !== own) seeds.push(seed);
  }
  return seeds;
}

self.onmessage = (event: MessageEvent<LuckSkillRequest>) => {
  const { scenario, log, runs, seed } = event.data;
  try {
    const start = performance.now();
    const seeds = seedsFor(runs, seed);
    const scores: number[] = [];
    for (let i = 0; i < seeds.length; i += BATCH) {
      scores.push(...rerunOverSeeds(scenario, log, seeds.slice(i, i + BATCH)));
      const progress: LuckSkillProgress = { progress: scores.length };
      self.postMessage(progress);
    }
    const reply: LuckSkillReply = { ok: true, scores, ms: performance.now() - start };
    self.postMessage(reply);
  } catch (error) {
    const reply: LuckSkillReply = { ok: false, reason: (error as Error).message };
    self.postMessage(reply);
  }
};
