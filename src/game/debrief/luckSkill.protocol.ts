/**
 * Messages between the debrief and the luck-vs-skill workers, and the seeds they replay.
 * Kept apart from the worker so the page can import it without starting a worker.
 */
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';

/** One share of the replays: where it starts in the list of seeds, and its seeds. */
export interface LuckSkillShare {
  from: number;
  seeds: number[];
}

/**
 * Sent whenever the game being played moves on a year: the worker plays its shares'
 * games on through `through` with the log so far, so that by the debrief only the last
 * turn is left to replay. `game` names the game (scenario and seed). A worker whose games
 * were played with a log that no longer starts this one (an earlier save was loaded)
 * starts them again.
 */
export interface LuckSkillFollow {
  kind: 'follow';
  game: string;
  scenario: Scenario;
  log: LogEntry[];
  through: number;
  shares: LuckSkillShare[];
}

/** Sent by a worker when it has followed the game as far as it was asked, so the next worker can start. */
export interface LuckSkillFollowed {
  followed: true;
}

/**
 * A share of one job's replays. The page deals the seeds out in small shares: each worker
 * first the shares it followed, then whatever is left, so a worker slowed by other work on
 * its core does fewer instead of holding everybody up. A worker's first share of a job
 * brings the game; later shares leave it out and the worker keeps it.
 */
export interface LuckSkillRequest extends LuckSkillShare {
  kind: 'rerun';
  job: number;
  game?: { id: string; scenario: Scenario; log: LogEntry[] };
}

/** A worker's scores for one share, in the order of its seeds. */
export interface LuckSkillScores {
  job: number;
  from: number;
  scores: number[];
}

export type LuckSkillReply = { ok: true; scores: number[]; ms: number } | { ok: false; reason: string };

/** Seeds in one share, and the replays the debrief shows. */
export const SHARE = 50;
export const RUNS = 1000;

/** The game's name in messages: its scenario and the player's seed. */
export function gameKey(scenarioId: string, seed: number): string {
  return `${scenarioId}#${seed}`;
}

/** The seeds in shares, in order. */
export function sharesOf(seeds: number[]): LuckSkillShare[] {
  const shares: LuckSkillShare[] = [];
  for (let from = 0; from < seeds.length; from += SHARE) shares.push({ from, seeds: seeds.slice(from, from + SHARE) });
  return shares;
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
