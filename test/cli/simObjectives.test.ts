/**
 * `npm run sim`'s objectives, which README.md ("Write your own era") sends an author to for
 * "whether your objectives are within reach" (docs/scenario-authoring.md): over `--runs` the summary says, for each
 * objective, its target, how many runs met it and its value's spread, then how many runs met
 * them all (as the balancer's "Objectives within reach", docs/balance.md, does for every
 * era); the JSON carries the same; one run says "met" or "not met" beside each target. QA
 * found `--runs` printing the metrics' table and nothing about the objectives.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli, noStack } from '../support/cli';
import { miniScenarioInput } from '../support/builder';
import { simulateEra } from '../../src/core/game';
import { objectiveMet } from '../../src/core/grade';
import { validateScenario, type Scenario } from '../../src/core/scenario';

const sim = (args: string[]) => runCli('sim.ts', args);
const era1 = validateScenario(JSON.parse(readFileSync(join(root, 'scenarios/era1-enlargement.json'), 'utf8')));
if (!era1.ok) throw new Error('era 1 does not validate');
const scenario: Scenario = era1.scenario;

/** Runs that met each objective, and all of them, on seeds `from`..`from + runs - 1`, straight from the rules core. */
function expected(from: number, runs: number, policy: 'equal' | 'prioritise') {
  const met = scenario.objectives.map(() => 0);
  let all = 0;
  for (let seed = from; seed < from + runs; seed++) {
    const { score } = simulateEra(scenario, seed, policy, false);
    score.objectives.forEach((o, k) => (met[k] += objectiveMet(o) ? 1 : 0));
    if (score.objectives.every(objectiveMet)) all++;
  }
  return { met, all };
}

describe('npm run sim -- --runs: objectives within reach', () => {
  it('prints, per objective, its target and the runs that met it, then the runs that met every one', () => {
    const r = sim(['--scenario', 'era1-enlargement', '--seed', '3', '--policy', 'prioritise', '--runs', '12']);
    expect(r.code, r.err).toBe(0);
    noStack(r.err);
    const want = expected(3, 12, 'prioritise');
    const lines = r.out.split('\n');
    expect(lines.some((l) => /^objective\s+target\s+runs met\s+p10\s+p50\s+p90$/.test(l)), r.out).toBe(true);
    scenario.objectives.forEach((o, k) => {
      const line = lines.find((l) => l.startsWith(o.label.en));
      expect(line, o.label.en).toBeDefined();
      // Rounded, but 0 % and 100 % only when no run, or every run, met it.
      const pct = Math.min(want.met[k] < 12 ? 99 : 100, Math.max(want.met[k] > 0 ? 1 : 0, Math.round((100 * want.met[k]) / 12)));
      expect(line).toMatch(new RegExp(` ${o.lowerIsBetter ? '≤' : '≥'} ${o.target} +${want.met[k]}/12 +${pct} % +-?\\d+\\.\\d +-?\\d+\\.\\d +-?\\d+\\.\\d$`));
    });
    expect(r.out).toContain(`every objective met in ${want.all} of 12 runs`);
    // The metrics' table is still there, before the objectives.
    expect(r.out.indexOf('metric        mean')).toBeLessThan(r.out.indexOf('objective'));
  });

  it('names the objectives no run met, with the policy', () => {
    const r = sim(['--scenario', 'era1-enlargement', '--seed', '1', '--policy', 'equal', '--runs', '8']);
    expect(r.code, r.err).toBe(0);
    const want = expected(1, 8, 'equal');
    const never = scenario.objectives.filter((_, k) => want.met[k] === 0).map((o) => o.label.en);
    // Era 1's equal treatment never reaches its coherence target (docs/balance.md): the line is there.
    expect(never.length).toBeGreaterThan(0);
    expect(r.out).toContain(`met in none of the 8 runs with policy equal: ${never.join('; ')}`);
  });

  it('--json carries the same per objective: id, target, runs met, value spread; and the runs that met all', () => {
    const r = sim(['--scenario', 'era1-enlargement', '--seed', '3', '--policy', 'prioritise', '--runs', '12', '--json']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { spread: Record<string, unknown>; objectives: { id: string; target: number; lowerIsBetter: boolean; metRuns: number; value: Record<string, number> }[]; allMetRuns: number };
    const want = expected(3, 12, 'prioritise');
    expect(json.spread).toHaveProperty('score');
    expect(json.objectives.map((o) => o.id)).toEqual(scenario.objectives.map((o) => o.id));
    json.objectives.forEach((o, k) => {
      expect(o).toMatchObject({ target: scenario.objectives[k].target, lowerIsBetter: !!scenario.objectives[k].lowerIsBetter, metRuns: want.met[k] });
      expect(Object.keys(o.value)).toEqual(['mean', 'p10', 'p50', 'p90']);
      expect(o.value.p10).toBeLessThanOrEqual(o.value.p90);
    });
    expect(json.allMetRuns).toBe(want.all);
  });

  it('keeps a long objective label on its own line, the figures aligned under the header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-sim-'));
    const input = miniScenarioInput();
    const long = 'Security contribution of partners across every region of the alliance';
    input.objectives[1].label = { en: long, fr: `${long} (fr)` };
    const file = join(dir, 'long.json');
    writeFileSync(file, JSON.stringify(input));
    const r = sim(['--scenario', file, '--runs', '4']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    const header = lines.find((l) => l.startsWith('objective'))!;
    const at = lines.indexOf(long);
    expect(at, r.out).toBeGreaterThan(0);
    const figures = lines[at + 1];
    expect(figures).toMatch(/^ +≥ 60 +\d\/4 /);
    expect(figures.indexOf('≥')).toBe(header.indexOf('target'));
    const short = lines.find((l) => l.startsWith('Ready aspirants'))!;
    expect(short.indexOf('≥')).toBe(header.indexOf('target'));
  });
});

describe('docs/scenario-authoring.md', () => {
  it('shows the objectives of `--runs 50` as the command prints them', () => {
    const doc = readFileSync(join(root, 'docs/scenario-authoring.md'), 'utf8');
    const block = /\$ npm run sim -- --scenario era1-enlargement --runs 50\n…\n([\s\S]*?)```/.exec(doc);
    expect(block, 'the example is in the page').not.toBeNull();
    const r = sim(['--scenario', 'era1-enlargement', '--runs', '50']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.endsWith(block![1]), r.out).toBe(true);
  });
});

describe('npm run sim, one run: met or not beside each target', () => {
  it('the text and the JSON say whether each objective was met, as its value and target have it', () => {
    const json = JSON.parse(sim(['--scenario', 'era1-enlargement', '--seed', '2', '--json']).out) as { objectives: { id: string; value: number; target: number; lowerIsBetter: boolean; met: boolean }[] };
    expect(json.objectives).toHaveLength(scenario.objectives.length);
    for (const o of json.objectives) expect(o.met, o.id).toBe(o.lowerIsBetter ? o.value <= o.target : o.value >= o.target);
    const text = sim(['--scenario', 'era1-enlargement', '--seed', '2']);
    expect(text.code).toBe(0);
    scenario.objectives.forEach((o, k) => {
      const line = text.out.split('\n').find((l) => l.trimStart().startsWith(o.label.en));
      expect(line, o.label.en).toMatch(new RegExp(`target ${o.lowerIsBetter ? '≤' : '≥'} ${o.target}  ${json.objectives[k].met ? 'met' : 'not met'}$`));
    });
  });
});
