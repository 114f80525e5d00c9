/**
 * `npm run balance [-- --seeds <n>] [--scenario <id>] [--markdown]`: the Monte Carlo
 * balancer. Plays every era with every bot policy over many seeds and prints the median and
 * spread of the strategic score, trust, consensus and coherence, and (era 1) aspirants ready
 * by 2004 — the table in docs/balance.md — then the luck spread: how far the score moves
 * across seeds when the policy is fixed (standard deviation and p10–p90 width), how often
 * prioritising beats equal treatment on the same seed, and how often each bot meets each
 * objective (docs/balance.md's "Luck spread" and "Objectives within reach"). The
 * analysis's dilemma should show: prioritising scores better but costs trust and consensus;
 * random play does worse than both.
 *
 * `--sensitivity [--param <name>]`: each number of the rules moved by −25 % and +25 %, and
 * how the headline outcomes move (src/cli/sensitivity.ts; docs/balance.md, "Sensitivity").
 * Seeded and deterministic: seeds 1..n, 500 by default (200 with --sensitivity).
 */
import { parseArgs } from 'node:util';
import { simulateEra } from '../core/game';
import { POLICY_NAMES } from '../core/policies';
import { averageOf, readyAspirants } from '../core/state';
import { fail, integer, percentile, progress, cliArgs, argsError } from './common';
import { formatProblems, loadScenarioFile, scenarioFiles } from './files';
import { sensitivity, sensitivityParameters, sensitivityTables } from './sensitivity';
import type { Scenario } from '../core/scenario';

const USAGE = 'usage: npm run balance -- [--seeds <n>] [--scenario <id>] [--markdown] [--sensitivity [--param <name>]]';

let args: { help?: boolean; seeds?: string; markdown?: boolean; scenario?: string; sensitivity?: boolean; param?: string };
try {
  args = parseArgs({
      args: cliArgs(),
    options: {
      seeds: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      sensitivity: { type: 'boolean', default: false },
      param: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(`${argsError(error)}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const seeds = args.seeds === undefined ? (args.sensitivity ? 200 : 500) : integer('seeds', args.seeds, 1);
if (args.param !== undefined && !args.sensitivity) fail(`--param needs --sensitivity\n${USAGE}`);

const all: Scenario[] = [];
for (const file of scenarioFiles()) {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) fail(formatProblems(loaded.file, loaded.problems));
  all.push(loaded.scenario);
}
const scenarios = args.scenario === undefined ? all : all.filter((s) => s.id === args.scenario);
if (!scenarios.length) fail(`--scenario "${args.scenario}" is not a scenario in scenarios/ (one of: ${all.map((s) => s.id).join(', ')})`);

const showProgress = !args.markdown && process.stderr.isTTY;

if (args.sensitivity) {
  let parameters = sensitivityParameters();
  if (args.param !== undefined) {
    const wanted = parameters.filter((p) => p.name === args.param);
    if (!wanted.length) fail(`--param "${args.param}" is not a parameter of the rules (one of: ${parameters.map((p) => p.name).join(', ')})`);
    parameters = wanted;
  }
  const tick = progress(1 + parameters.length * 2, showProgress);
  const variants = sensitivity(scenarios, parameters, seeds, (done) => tick(done));
  console.log(sensitivityTables(scenarios, variants, seeds));
} else {
  const q = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    return { p10: percentile(s, 0.1), p50: percentile(s, 0.5), p90: percentile(s, 0.9) };
  };
  const f1 = (v: number) => v.toFixed(1);
  const sd = (v: number[]) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  };

  const rows: string[] = [];
  const luck: string[] = [];
  // Seed for seed, the same world for both bots: how often skill beats luck (docs/balance.md, "Luck spread").
  const paired: string[] = ['| era | prioritise − equal, median | prioritise above equal on the same seed |', '|---|---|---|'];
  const reach: string[] = [`| era | objective | ${POLICY_NAMES.join(' | ')} |`, `|---|---|${POLICY_NAMES.map(() => '---|').join('')}`];
  rows.push('| era | policy | score p50 (p10–p90) | avg trust p50 | consensus p50 | coherence p50 | ready aspirants p50 |', '|---|---|---|---|---|---|---|');
  luck.push('| era | policy | score mean | sd | p10–p90 width | min–max |', '|---|---|---|---|---|---|');
  for (const scenario of scenarios) {
    const scores = new Map<string, number[]>();
    // Per objective and policy: seeds on which it was met, and its values.
    const objectives = scenario.objectives.map(() => new Map<string, { met: number; values: number[] }>());
    for (const policy of POLICY_NAMES) {
      const score: number[] = [];
      scores.set(policy, score);
      for (const o of objectives) o.set(policy, { met: 0, values: [] });
      const trust: number[] = [];
      const consensus: number[] = [];
      const coherence: number[] = [];
      const ready: number[] = [];
      const tick = progress(seeds, showProgress);
      for (let seed = 1; seed <= seeds; seed++) {
        // Score-only: the table needs the final state, not the turns' review records.
        const run = simulateEra(scenario, seed, policy, false);
        score.push(run.score.score);
        trust.push(averageOf(scenario, run.state, 'trust'));
        consensus.push(run.state.alliance.consensus);
        coherence.push(run.state.alliance.coherence);
        ready.push(readyAspirants(scenario, run.state));
        run.score.objectives.forEach((o, i) => {
          const cell = objectives[i].get(policy)!;
          cell.values.push(o.value);
          if (o.lowerIsBetter ? o.value <= o.target : o.value >= o.target) cell.met++;
        });
        tick(seed);
      }
      const s = q(score);
      rows.push(`| ${scenario.id} | ${policy} | ${f1(s.p50)} (${f1(s.p10)}–${f1(s.p90)}) | ${f1(q(trust).p50)} | ${f1(q(consensus).p50)} | ${f1(q(coherence).p50)} | ${q(ready).p50} |`);
      const mean = score.reduce((a, b) => a + b, 0) / score.length;
      luck.push(`| ${scenario.id} | ${policy} | ${f1(mean)} | ${score.length > 1 ? sd(score).toFixed(2) : '—'} | ${f1(s.p90 - s.p10)} | ${f1(Math.min(...score))}–${f1(Math.max(...score))} |`);
    }
    const equal = scores.get('equal');
    const prioritise = scores.get('prioritise');
    if (equal && prioritise) {
      const above = prioritise.filter((v, i) => v > equal[i]).length;
      const gap = q(prioritise).p50 - q(equal).p50;
      paired.push(`| ${scenario.id} | ${gap >= 0 ? '+' : '−'}${f1(Math.abs(gap))} | ${Math.round((100 * above) / seeds)} % |`);
    }
    scenario.objectives.forEach((o, i) => {
      const cells = POLICY_NAMES.map((policy) => {
        const cell = objectives[i].get(policy)!;
        const median = q(cell.values).p50;
        return `${Math.round((100 * cell.met) / seeds)} % (${o.metric === 'readyAspirants' || o.metric === 'alignedPartners' ? median : f1(median)})`;
      });
      reach.push(`| ${scenario.id} | ${o.id} ${o.lowerIsBetter ? '≤' : '≥'} ${o.target} | ${cells.join(' | ')} |`);
    });
  }
  console.log(rows.join('\n'));
  console.log(`\nLuck spread: the score across seeds 1–${seeds} with the policy fixed.\n`);
  console.log(luck.join('\n'));
  console.log(`\nSkill against luck: prioritise against equal on the same seed (the same world's years), seeds 1–${seeds}.\n`);
  console.log(paired.join('\n'));
  console.log(`\nObjectives within reach: share of seeds 1–${seeds} on which each bot meets each objective (its value at the median).\n`);
  console.log(reach.join('\n'));
}
