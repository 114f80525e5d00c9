/**
 * Exercise figures for `npm run bench` (docs/exercise.md): full-era exercises per
 * CPU-second with every role played by the engine, beside the solo simulator's eras in the
 * same process, each like for like: the score-only exercise (`scoreOnly`, for batch runs)
 * against the solo score-only simulator (goal: at least half), and the full exercise (log,
 * turn records, as the browser and the server keep them) against the solo simulator with
 * turn records. The four are measured in interleaved rounds, so a shared machine's load
 * falls on all of them alike; each figure is the median of its rounds and each ratio the
 * median of the rounds' ratios. Also the time to rebuild a ten-turn exercise from its log —
 * a White Cell, NATO's staff and two capitals held, votes, objections, adjudications,
 * injects and notes — as the classroom server does for every exercise it reloads (goal:
 * under 5 ms). Prints figures; compares nothing in a test.
 */
import { simulateEra } from '../src/core/game';
import { loadScenarioFile, scenarioFiles } from '../src/cli/files';
import { percentile } from '../src/cli/common';
import { Rng } from '../src/core/rng';
import type { Scenario } from '../src/core/scenario';
import { applyMove, createExercise, defaultSetup, recordOf, replayExercise, waitingFor, type ExerciseState } from '../src/exercise/engine';
import { standInMove } from '../src/exercise/standIn';
import type { Move, RoleId } from '../src/exercise/types';

const scenarios: Scenario[] = scenarioFiles().flatMap((f) => {
  const loaded = loadScenarioFile(f);
  return loaded.ok ? [loaded.scenario] : [];
});

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Rounds of interleaved measurement, and the CPU time each side runs in a round. */
const ROUNDS = 7;
const SLICE_MS = 150;

/**
 * Runs each of `works` (seed → nothing) in turn for `SLICE_MS` of CPU, `ROUNDS` times, after
 * a warm-up of each; returns each one's runs per CPU-second, round by round.
 */
function interleaved<K extends string>(works: Record<K, (seed: number) => void>): Record<K, number[]> {
  const keys = Object.keys(works) as K[];
  const rates = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  let seed = 1;
  const slice = (work: (seed: number) => void, ms: number): number => {
    const start = cpuMs();
    let n = 0;
    while (cpuMs() - start < ms) {
      work(seed++);
      n++;
    }
    return (n * 1000) / (cpuMs() - start);
  };
  for (const k of keys) slice(works[k], 2 * SLICE_MS);
  for (let round = 0; round < ROUNDS; round++) for (const k of keys) rates[k].push(slice(works[k], SLICE_MS));
  return rates;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
const ratios = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]));

/** A facilitated exercise of a whole era: NATO, two capitals and the White Cell held, with objections, adjudications, injects and notes. */
function facilitated(scenario: Scenario, seed: number): ExerciseState {
  const allies = scenario.allies.slice(0, 2).map((a) => `ally:${a.id}` as RoleId);
  const seats = Object.fromEntries([['nato', { held: true }], ['white', { held: true }], ...allies.map((a) => [a, { held: true }])]);
  let ex = createExercise(scenario, defaultSetup(scenario, { seed, seats, consensus: 'vote', rounds: 2 }));
  const rng = new Rng(seed);
  const play = (move: Move) => {
    const r = applyMove(scenario, ex, move, Date.now());
    if (r.ok) ex = r.state;
    return r.ok;
  };
  for (let guard = 0; guard < 10_000 && !ex.finished; guard++) {
    const waiting = waitingFor(scenario, ex)[0];
    if (ex.phase === 'planning' && waiting?.startsWith('ally:') && rng.chance(0.3) && play({ role: waiting, type: 'ally.object', reason: 'our capital wants more for the flank' })) continue;
    if (ex.phase === 'adjudication' && ex.turn.adjudications.length === 0) {
      play({ role: 'white', type: 'white.adjudicate', region: 'east', step: 'minorNatoGain', rationale: 'the programme reached its units' });
      play({ role: 'white', type: 'white.note', text: `year ${ex.game.year}: the capitals argued over the share` });
      continue;
    }
    if (ex.phase === 'briefing' && ex.game.year === scenario.start + 1 && scenario.injects[0] && ex.published.length === 0) {
      play({ role: 'white', type: 'white.publish', serial: String(scenario.injects[0].serial) });
      continue;
    }
    play(standInMove(scenario, ex, waiting));
  }
  return ex;
}

console.log('Exercise figures (one core, runs per CPU-second of this process, interleaved rounds; compare within this run)\n');
console.log('| era | solo score-only eras/s | all-bot exercise, score-only, eras/s | ratio (goal ≥ 0.5) | solo recorded eras/s | all-bot exercise, full, eras/s | ratio | rebuild of a facilitated exercise (CPU mean; wall median, p95) | turns | logged moves |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const allBots = (scenario: Scenario, seed: number) => defaultSetup(scenario, { seed, seats: { nato: { held: false, policy: 'equal' } } });
for (const scenario of scenarios) {
  const r = interleaved({
    solo: (seed) => simulateEra(scenario, seed, 'equal', false),
    quick: (seed) => createExercise(scenario, allBots(scenario, seed), { scoreOnly: true }),
    recorded: (seed) => simulateEra(scenario, seed, 'equal'),
    full: (seed) => createExercise(scenario, allBots(scenario, seed)),
  });
  const ex = facilitated(scenario, 7);
  const record = recordOf(ex);
  const times: number[] = [];
  const cpuStart = cpuMs();
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    const replayed = replayExercise(scenario, record);
    times.push(performance.now() - t);
    if (!replayed.ok) throw new Error(`replay failed at seq ${replayed.seq}: ${replayed.rejection.reason}`);
  }
  // CPU per rebuild as well as wall time: on a shared machine the wall clock counts other work too.
  const cpuEach = (cpuMs() - cpuStart) / 300;
  times.sort((a, b) => a - b);
  const turns = scenario.end - scenario.start + 1;
  const f = (rates: number[]) => median(rates).toFixed(0);
  console.log(
    `| ${scenario.id} | ${f(r.solo)} | ${f(r.quick)} | ${ratios(r.quick, r.solo).toFixed(2)} | ${f(r.recorded)} | ${f(r.full)} | ${ratios(r.full, r.recorded).toFixed(2)} | ${cpuEach.toFixed(2)} ms; ${percentile(times, 0.5).toFixed(2)} ms, ${percentile(times, 0.95).toFixed(2)} ms | ${turns} | ${record.log.length} |`,
  );
}
console.log(`\nEach figure the median of ${ROUNDS} interleaved rounds of ${SLICE_MS} ms of CPU; each ratio the median of the rounds' ratios.`);
console.log('Goals: the score-only all-bot exercise at least half the solo score-only figure; rebuilding a 10-turn exercise under 5 ms.');
