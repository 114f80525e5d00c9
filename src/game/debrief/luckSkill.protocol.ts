/**
 * Messages between the debrief and the luck-vs-skill workers, and the seeds they replay.
 * Kept apart from the worker so the page can import it without starting a worker.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';

export interface LuckSkillRequest {
  kind: 'rerun';
  scenario: Scenario;
  log: LogEntry[];
  /** This worker's share of the seeds. */
  seeds: number[];
}

export interface LuckSkillWarmUp {
  kind: 'warm';
  scenario: Scenario;
}

export type LuckSkillReply = { ok: true; scores: number[]; ms: number } | { ok: false; reason: string };

/** Sent by a worker when its warm-up is done (or cut short), so the next one can start. */
export interface LuckSkillWarmed {
  warmed: true;
}

/** Sent every batch so the debrief can show how far the replays have got. */
export interface LuckSkillProgress {
  progress: number;
}

/** Well-spread seeds that never include the player's own, so the spread is of other dice. */
export function seedsFor(runs: number, own: number): number[] {
  const seeds: number[] = [];
  for (let i = 1; seeds.length < runs; i++) {
    const seed = (Math.imul(i, 2654435761) >>> 0) % 2_000_000_000;
    if (seed !== own) seeds.push(seed);
  }
  return seeds;
}
