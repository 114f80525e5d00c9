/**
 * `npm run bench`: headless throughput of the rules core on one core — full-era
 * simulations per second per era and policy, the median time to resolve one turn, and the
 * luck-vs-skill rerun (one player's decisions over 1,000 seeds). Prints figures; the
 * target (2,000 eras/s; 1,000 reruns under 0.5 s) is compared here, never in a test.
 *
 * Rates are given per CPU-second of this process (process.cpuUsage) and per wall-clock
 * second, after a warm-up long enough for V8 to finish optimising (the compiler runs on
 * background threads whose CPU time the process is billed for, so a short warm-up makes
 * the CPU figure look worse than the code is). On a shared machine the wall clock also
 * counts time other processes held the core; compare the figures within one run.
 */
import { simulateEra, rerunOverSeeds, startGame } from '../src/core/game';
import { resolveTurn } from '../src/core/resolve';
import { POLICIES, policyRng } from '../src/core/policies';
import { loadScenarioFile, scenarioFiles } from '../src/cli/files';
import { percentile } from '../src/cli/common';
import type { Scenario } from '../src/core/scenario';

const TARGET = 2000;
const scenarios = scenarioFiles().map((f) => (loadScenarioFile(f) as { scenario: Scenario }).scenario);

/** CPU time (user + system) of this process, in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function eraRate(scenario: Scenario, policy: 'equal' | 'prioritise', ms = 1500): { cpu: number; wall: number } {
  // Warm up for a fixed CPU time rather than a fixed count, so the measured window is the
  // optimised code however busy the machine is.
  const warm = cpuMs();
  for (let i = 0; cpuMs() - warm < 1500; i++) simulateEra(scenario, i, policy);
  let n = 0;
  const start = performance.now();
  const cpu0 = cpuMs();
  // Stop on CPU time so a busy machine does not shrink the sample.
  while (cpuMs() - cpu0 < ms) simulateEra(scenario, 1000 + n++, policy);
  const wall = performance.now() - start;
  const cpu = cpuMs() - cpu0;
  return { cpu: (n * 1000) / cpu, wall: (n * 1000) / wall };
}

function turnMedian(scenario: Scenario): number {
  const state = startGame(scenario, 1);
  const decision = POLICIES.prioritise(scenario, state, policyRng(1));
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = performance.now();
    resolveTurn(scenario, state, decision);
    times.push(performance.now() - t);
  }
  return percentile(times.sort((a, b) => a - b), 0.5);
}

console.log(`node ${process.version}, one core\n`);
console.log('scenario            policy    eras/CPU-s   vs target   eras/wall-s   median turn (wall)');
for (const s of scenarios) {
  const median = turnMedian(s);
  for (const policy of ['equal', 'prioritise'] as const) {
    const rate = eraRate(s, policy);
    console.log(
      `${s.id.padEnd(19)} ${policy.padEnd(10)} ${rate.cpu.toFixed(0).padStart(10)}   ${(rate.cpu / TARGET).toFixed(2).padStart(8)}x   ${rate.wall.toFixed(0).padStart(11)}   ${(median * 1000).toFixed(0).padStart(8)} µs`,
    );
  }
}
// Luck vs skill, for every era: one player's decisions (here the prioritise bot's game)
// replayed over 1,000 other seeds, as the debrief's worker does once the code is warm.
console.log('\nluck vs skill: one game\'s decisions replayed over 1,000 seeds (target < 0.5 s)');
for (const s of scenarios) {
  const played = simulateEra(s, 7, 'prioritise');
  const seeds = Array.from({ length: 1000 }, (_, i) => i + 1);
  const t = performance.now();
  const c = cpuMs();
  rerunOverSeeds(s, played.state.log, seeds);
  const rerunCpu = (cpuMs() - c) / 1000;
  const rerunWall = (performance.now() - t) / 1000;
  console.log(`${s.id.padEnd(19)} ${rerunWall.toFixed(2)} s wall, ${rerunCpu.toFixed(2)} s CPU`);
}
