/**
 * `npm run bench`: headless throughput of the rules core on one core — full-era
 * simulations per second per era and policy, the median time to resolve one turn, and the
 * luck-vs-skill rerun (one player's decisions over 1,000 seeds). Prints figures; the
 * target (2,000 eras/s; 1,000 reruns under 0.5 s) is compared here, never in a test.
 */
import { simulateEra, rerunOverSeeds, startGame } from '../src/core/game';
import { resolveTurn } from '../src/core/resolve';
import { POLICIES, policyRng } from '../src/core/policies';
import { loadScenarioFile, scenarioFiles } from '../src/cli/files';
import { percentile } from '../src/cli/common';
import type { Scenario } from '../src/core/scenario';

const TARGET = 2000;
const scenarios = scenarioFiles().map((f) => (loadScenarioFile(f) as { scenario: Scenario }).scenario);

function eraRate(scenario: Scenario, policy: 'equal' | 'prioritise', ms = 1500): number {
  for (let i = 0; i < 20; i++) simulateEra(scenario, i, policy);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) simulateEra(scenario, 1000 + n++, policy);
  return (n * 1000) / (performance.now() - start);
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
console.log('scenario            policy       eras/s   vs target   median turn');
for (const s of scenarios) {
  const median = turnMedian(s);
  for (const policy of ['equal', 'prioritise'] as const) {
    const rate = eraRate(s, policy);
    console.log(`${s.id.padEnd(19)} ${policy.padEnd(11)} ${rate.toFixed(0).padStart(7)}   ${(rate / TARGET).toFixed(2).padStart(6)}x   ${(median * 1000).toFixed(0).padStart(6)} µs`);
  }
}
const era1 = scenarios[0];
const played = simulateEra(era1, 7, 'prioritise');
const seeds = Array.from({ length: 1000 }, (_, i) => i + 1);
rerunOverSeeds(era1, played.state.log, seeds.slice(0, 20));
const t = performance.now();
rerunOverSeeds(era1, played.state.log, seeds);
console.log(`\nluck vs skill: ${era1.id}, one player's decisions over 1,000 seeds: ${((performance.now() - t) / 1000).toFixed(2)} s (target < 0.5 s)`);
