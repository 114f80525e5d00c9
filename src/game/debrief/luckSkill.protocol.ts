/**
 * Messages between the debrief and the luck-vs-skill workers, and the seeds they replay.
 * Kept apart from the worker so the page can import it without starting a worker.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';

/**
 * A share of one job's replays. The page deals the seeds out in small shares, each to the
 * next worker that is free, so a worker slowed by other work on its core does fewer
 * instead of holding everybody up. A worker's first share of a job brings the scenario
 * and the player's log; later shares leave them out and the worker keeps them.
 */
export interface LuckSkillRequest {
  kind: 'rerun';
  job: number;
  scenario?: Scenario;
  log?: LogEntry[];
  /** Where the share starts in the job's list of seeds. */
  from: number;
  seeds: number[];
}

/** A worker's scores for one share, in the order of its seeds. */
export interface LuckSkillScores {
  job: number;
  from: number;
  scores: number[];
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


/** Well-spread seeds that never include the player's own, so the spread is of other dice. */
export function seedsFor(runs: number, own: number): number[] {
  const seeds: number[] = [];
  for (let i = 1; seeds.length < runs; i++) {
    const seed = (Math.imul(i, 2654435761) >>> 0) % 2_000_000_000;
    if (seed !== own) seeds.push(seed);
  }
  return seeds;
}
