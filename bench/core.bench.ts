/**
 * `npm run bench`: headless throughput of the rules core on one core — full-era
 * simulations per second per era and policy, the median time to resolve one turn, and the
 * luck-vs-skill rerun (one player's decisions over 1,000 seeds). Prints figures; the
 * target (2,000 eras/s; 1,000 reruns under 0.5 s) is compared here, never in a test.
 *
 * Two kinds of era run are timed: score-only (what the luck-vs-skill rerun and bulk
 * balancing need: the same game, without the review's turn records) and recorded (every
 * turn's record and drivers, as the CLI's `sim` keeps them).
 *
 * Rates are per CPU-second of this process (process.cpuUsage), after a warm-up long enough
 * for V8 to finish optimising (the compiler runs on background threads whose CPU time the
 * process is billed for). The measured time is cut into short segments: on a shared
 * machine other tenants slow some segments down, so the median segment is the figure to
 * read and the best segment shows what the code does on an undisturbed core. Compare
 * figures within one run.
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

interface Rate {
  median: number;
  best: number;
}

/** Eras per CPU-second over `segments` segments of ~`ms` CPU milliseconds each. */
function eraRate(scenario: Scenario, policy: 'equal' | 'prioritise', keepRecord: boolean, segments = 10, ms = 150): Rate {
  // Warm up for a fixed CPU time rather than a fixed count, so the measured window is the
  // optimised code however busy the machine is.
  const warm = cpuMs();
  for (let i = 0; cpuMs() - warm < 1000; i++) simulateEra(scenario, i, policy, keepRecord);
  const rates: number[] = [];
  let seed = 1000;
  for (let s = 0; s < segments; s++) {
    let n = 0;
    const cpu0 = cpuMs();
    while (cpuMs() - cpu0 < ms) {
      simulateEra(scenario, seed++, policy, keepRecord);
      n++;
    }
    rates.push((n * 1000) / (cpuMs() - cpu0));
  }
  rates.sort((a, b) => a - b);
  return { median: percentile(rates, 0.5), best: rates[rates.length - 1] };
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

console.log(`node ${process.version}, one core; eras per CPU-second, median segment (best segment)\n`);
console.log('scenario            policy       score-only   vs target        recorded   median turn (wall)');
const worst = { rate: Infinity, label: '' };
for (const s of scenarios) {
  const median = turnMedian(s);
  for (const policy of ['equal', 'prioritise'] as const) {
    const quiet = eraRate(s, policy, false);
    const full = eraRate(s, policy, true, 4);
    if (quiet.median < worst.rate) Object.assign(worst, { rate: quiet.median, label: `${s.id} ${policy}` });
    const pair = (r: Rate) => `${r.median.toFixed(0)} (${r.best.toFixed(0)})`;
    console.log(
      `${s.id.padEnd(19)} ${policy.padEnd(10)} ${pair(quiet).padStart(13)}   ${(quiet.median / TARGET).toFixed(2).padStart(8)}x   ${pair(full).padStart(13)}   ${(median * 1000).toFixed(0).padStart(8)} µs`,
    );
  }
}
console.log(`\nslowest: ${worst.label}, ${worst.rate.toFixed(0)} score-only eras/CPU-s (target ${TARGET})`);

// Luck vs skill, for every era: one player's decisions (here the prioritise bot's game)
// replayed over 1,000 other seeds, as the debrief's worker does once its code is warm
// (the worker warms up while the era is played): three warm-up reruns, then five timed.
console.log('\nluck vs skill: one game\'s decisions replayed over 1,000 seeds, warm (target < 0.5 s)');
console.log('scenario            median wall   median CPU   best CPU');
const seeds = Array.from({ length: 1000 }, (_, i) => i + 1);
for (const s of scenarios) {
  const played = simulateEra(s, 7, 'prioritise');
  for (let i = 0; i < 3; i++) rerunOverSeeds(s, played.state.log, seeds);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = cpuMs();
    rerunOverSeeds(s, played.state.log, seeds);
    cpus.push((cpuMs() - c) / 1000);
    walls.push((performance.now() - t) / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  console.log(`${s.id.padEnd(19)} ${percentile(walls, 0.5).toFixed(2).padStart(9)} s   ${percentile(cpus, 0.5).toFixed(2).padStart(8)} s   ${cpus[0].toFixed(2).padStart(6)} s`);
}
