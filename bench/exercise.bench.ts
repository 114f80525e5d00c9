/**
 * Exercise figures for `npm run bench` (docs/exercise.md): full-era exercises per
 * CPU-second with every role played by the engine, beside the solo simulator's score-only
 * eras in the same process (goal: at least half), and the time to rebuild a ten-turn
 * exercise from its log — a White Cell, NATO's staff and two capitals held, votes,
 * objections, adjudications, injects and notes — as the classroom server does for every
 * exercise it reloads (goal: under 5 ms). Prints figures; compares nothing in a test.
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

/** Runs `work` for about `ms` of CPU after a warm-up of the same length; returns runs per CPU-second. */
function rate(work: (i: number) => void, ms = 1500): number {
  let i = 0;
  const warm = cpuMs();
  while (cpuMs() - warm < ms) work(i++);
  const start = cpuMs();
  let n = 0;
  while (cpuMs() - start < ms) {
    work(i++);
    n++;
  }
  return (n * 1000) / (cpuMs() - start);
}

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

console.log('Exercise figures (one core, per CPU-second of this process; compare within this run)\n');
console.log('| era | solo score-only eras/s | all-bot exercise eras/s | ratio | rebuild of a facilitated exercise (median, p95) | turns | logged moves |');
console.log('|---|---|---|---|---|---|---|');
for (const scenario of scenarios) {
  const solo = rate((i) => simulateEra(scenario, i + 1, 'equal', false));
  const exercise = rate((i) => createExercise(scenario, defaultSetup(scenario, { seed: i + 1, seats: { nato: { held: false, policy: 'equal' } } })));
  const ex = facilitated(scenario, 7);
  const record = recordOf(ex);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    const r = replayExercise(scenario, record);
    times.push(performance.now() - t);
    if (!r.ok) throw new Error(`replay failed at seq ${r.seq}: ${r.rejection.reason}`);
  }
  times.sort((a, b) => a - b);
  const turns = scenario.end - scenario.start + 1;
  console.log(
    `| ${scenario.id} | ${solo.toFixed(0)} | ${exercise.toFixed(0)} | ${(exercise / solo).toFixed(2)} | ${percentile(times, 0.5).toFixed(2)} ms, ${percentile(times, 0.95).toFixed(2)} ms | ${turns} | ${record.log.length} |`,
  );
}
console.log('\nGoals: all-bot exercise eras at least half the solo score-only figure; rebuilding a 10-turn exercise under 5 ms.');
