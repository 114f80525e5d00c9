/**
 * Luck vs skill, off the main thread: replays the player's own decisions (the game's log)
 * over 1,000 other seeds with the rules core and posts back the era scores and how long
 * it took. The board stays responsive while it runs.
 *
 * The worker is started early, while the player is still in the era, and warms up by
 * playing a few bot games of the same scenario in small slices: by the debrief the engine
 * is optimised by the JavaScript compiler and the replays take a fraction of a cold run.
 * A replay request always goes first; warming stops as soon as one arrives.
 */
import { rerunOverSeeds, simulateEra } from '../../core/game';
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';

export interface LuckSkillRequest {
  kind: 'rerun';
  scenario: Scenario;
  log: LogEntry[];
  runs: number;
  /** The player's own seed is left out so the spread is of other dice. */
  seed: number;
}

export interface LuckSkillWarmUp {
  kind: 'warm';
  scenario: Scenario;
}

export type LuckSkillReply = { ok: true; scores: number[]; ms: number } | { ok: false; reason: string };
/** Sent every batch so the debrief can show how far the replays have got. */
export interface LuckSkillProgress {
  progress: number;
}

const BATCH = 50;
/** Milliseconds of warm-up work in all, done in slices of this many. */
const WARM_TOTAL = 2500;
const WARM_SLICE = 40;

/** Well-spread seeds that never include the player's own. */
export function seedsFor(runs: number, own: number): number[] {
  const seeds: number[] = [];
  for (let i = 1; seeds.length < runs; i++) {
    const seed = (Math.imul(i, 2654435761) >>> 0) % 2_000_000_000;
    if (seed !== own) seeds.push(seed);
  }
  return seeds;
}

let warming: { scenario: Scenario; spent: number; round: number } | null = null;

function warmSlice(): void {
  if (!warming) return;
  const start = performance.now();
  try {
    while (performance.now() - start < WARM_SLICE) {
      const round = warming.round++;
      const played = simulateEra(warming.scenario, 1_000_000 + round, round % 2 ? 'equal' : 'prioritise');
      rerunOverSeeds(warming.scenario, played.state.log, [2_000_000 + round]);
    }
  } catch {
    warming = null;
    return;
  }
  warming.spent += performance.now() - start;
  if (warming.spent < WARM_TOTAL) setTimeout(warmSlice, 0);
  else warming = null;
}

function rerun({ scenario, log, runs, seed }: LuckSkillRequest): void {
  warming = null;
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
}

self.onmessage = (event: MessageEvent<LuckSkillRequest | LuckSkillWarmUp>) => {
  const message = event.data;
  if (message.kind === 'warm') {
    const fresh = !warming;
    warming = { scenario: message.scenario, spent: 0, round: 0 };
    if (fresh) setTimeout(warmSlice, 0);
  } else {
    rerun(message);
  }
};
