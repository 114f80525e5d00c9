/**
 * `npm run balance [-- --seeds <n>] [--markdown]`: the Monte Carlo balancer. Plays every era
 * with every bot policy over many seeds and prints the median and spread of the strategic
 * score, trust, consensus and coherence, and (era 1) aspirants ready by 2004 — the table
 * in docs/balance.md. The analysis's dilemma should show: prioritising scores better but
 * costs trust and consensus; random play does worse than both.
 */
import { parseArgs } from 'node:util';
import { simulateEra } from '../core/game';
import { POLICY_NAMES } from '../core/policies';
import { averageOf, readyAspirants } from '../core/state';
import { fail, percentile, progress } from './common';
import { formatProblems, loadScenarioFile, scenarioFiles } from './files';
import type { Scenario } from '../core/scenario';

let args: { seeds?: string; markdown?: boolean; scenario?: string };
try {
  args = parseArgs({ options: { seeds: { type: 'string', default: '500' }, markdown: { type: 'boolean', default: false }, scenario: { type: 'string' } }, strict: true }).values;
} catch (error) {
  fail(`${(error as Error).message}\nusage: npm run balance -- [--seeds <n>] [--scenario <id>] [--markdown]`);
}
const seeds = Number(args.seeds);
if (!Number.isInteger(seeds) || seeds < 1) fail(`--seeds must be a positive integer (got "${args.seeds}")`);

const scenarios: Scenario[] = [];
for (const file of scenarioFiles()) {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) fail(formatProblems(loaded.file, loaded.problems));
  else if (!args.scenario || loaded.scenario.id === args.scenario) scenarios.push(loaded.scenario);
}

const q = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return { p10: percentile(s, 0.1), p50: percentile(s, 0.5), p90: percentile(s, 0.9) };
};
const f1 = (v: number) => v.toFixed(1);

const rows: string[] = [];
const header = '| era | policy | score p50 (p10–p90) | avg trust p50 | consensus p50 | coherence p50 | ready aspirants p50 |';
rows.push(header, '|---|---|---|---|---|---|---|');
for (const scenario of scenarios) {
  for (const policy of POLICY_NAMES) {
    const score: number[] = [];
    const trust: number[] = [];
    const consensus: number[] = [];
    const coherence: number[] = [];
    const ready: number[] = [];
    const tick = progress(seeds, !args.markdown && process.stderr.isTTY);
    for (let seed = 1; seed <= seeds; seed++) {
      // Score-only: the table needs the final state, not the turns' review records.
      const run = simulateEra(scenario, seed, policy, false);
      score.push(run.score.score);
      trust.push(averageOf(scenario, run.state, 'trust'));
      consensus.push(run.state.alliance.consensus);
      coherence.push(run.state.alliance.coherence);
      ready.push(readyAspirants(scenario, run.state));
      tick(seed);
    }
    const s = q(score);
    rows.push(`| ${scenario.id} | ${policy} | ${f1(s.p50)} (${f1(s.p10)}–${f1(s.p90)}) | ${f1(q(trust).p50)} | ${f1(q(consensus).p50)} | ${f1(q(coherence).p50)} | ${q(ready).p50} |`);
  }
}
console.log(rows.join('\n'));
