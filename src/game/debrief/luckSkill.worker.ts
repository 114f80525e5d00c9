/**
 * Luck vs skill, off the main thread: replays the player's own decisions (the game's log)
 * over other seeds with the rules core, a share of the 1,000 at a time as the page deals
 * them out, and posts back the era scores. The board stays responsive while it runs.
 *
 * The worker is started early, while the player is still in the era, and warms up by
 * playing a few bot games of the same scenario in small slices: by the debrief the engine
 * is optimised by the JavaScript compiler and the replays take a fraction of a cold run.
 * A replay request always goes first; warming stops as soon as one arrives.
 */
import { rerunOverSeeds, simulateEra } from '../../core/game';
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import type { LuckSkillReply, LuckSkillRequest, LuckSkillScores, LuckSkillWarmUp, LuckSkillWarmed } from './luckSkill.protocol';

export type { LuckSkillReply } from './luckSkill.protocol';

/** Milliseconds of warm-up work in all, done in slices of this many (a few seconds of a 20–30 minute era). */
const WARM_TOTAL = 4000;
/** Short, so a replay request waits little for the slice in progress. */
const WARM_SLICE = 15;

let warming: { scenario: Scenario; spent: number; round: number } | null = null;

/**
 * The scenario this worker warmed up on (or last replayed), with its JSON. Every message
 * brings its own structured-cloned copy; replaying on the copy already seen keeps the
 * core's per-scenario caches (indexes, year views) that the warm-up filled.
 */
let known: { scenario: Scenario; json: string } | null = null;

function same(scenario: Scenario): Scenario {
  const json = JSON.stringify(scenario);
  if (known?.json === json) return known.scenario;
  known = { scenario, json };
  return scenario;
}

function warmSlice(): void {
  if (!warming) return;
  const start = performance.now();
  try {
    while (performance.now() - start < WARM_SLICE) {
      // Mostly the replay itself, on a bot's game as a stand-in for the player's log.
      const round = warming.round++;
      const played = simulateEra(warming.scenario, 1_000_000 + round, round % 2 ? 'equal' : 'prioritise', false);
      rerunOverSeeds(warming.scenario, played.state.log, [2_000_000 + round, 3_000_000 + round, 4_000_000 + round]);
    }
  } catch {
    warming = null;
    warmed();
    return;
  }
  warming.spent += performance.now() - start;
  if (warming.spent < WARM_TOTAL) setTimeout(warmSlice, 0);
  else {
    warming = null;
    warmed();
  }
}

function warmed(): void {
  const message: LuckSkillWarmed = { warmed: true };
  self.postMessage(message);
}

/** The job being replayed: its scenario and the player's log, sent with the job's first share. */
let job: { id: number; scenario: Scenario; log: LogEntry[] } | null = null;

function rerun(request: LuckSkillRequest): void {
  warming = null;
  try {
    if (request.scenario && request.log) job = { id: request.job, scenario: same(request.scenario), log: request.log };
    if (job?.id !== request.job) throw new Error('a share of replays came without its game');
    const reply: LuckSkillScores = { job: request.job, from: request.from, scores: rerunOverSeeds(job.scenario, job.log, request.seeds) };
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
    warming = { scenario: same(message.scenario), spent: 0, round: 0 };
    if (fresh) setTimeout(warmSlice, 0);
  } else {
    rerun(message);
  }
};
