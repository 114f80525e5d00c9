/**
 * The sensitivity analysis behind `npm run balance -- --sensitivity` (docs/balance.md,
 * "Sensitivity"): each tunable number of the rules (`RULES`, src/core/rules.ts) moved by
 * −25 % and +25 % in turn, every era played by the `equal` and `prioritise` bots over the
 * same seeds, and the headline outcomes compared with the unchanged rules — mean score, the
 * prioritise − equal gap that carries the game's argument, and the shares of won and lost
 * eras. Kept apart from the balance CLI so the tests can drive it in-process.
 *
 * How a variant is played: `RULES` is changed in place for the variant's runs and restored
 * after (also on error), and each variant plays a fresh copy of the scenario, because the
 * fast path caches numbers worked out from `RULES` per scenario and per partner (thresholdᵏ,
 * for one); a fresh copy starts with empty caches. test/cli/balance.test.ts checks that the
 * fast path under a changed rule gives the reference rules' result (src/core/rules/).
 */
import { simulateEra } from '../core/game';
import { gradeEra } from '../core/grade';
import { RULES } from '../core/rules';
import { averageOf } from '../core/state';
import type { PolicyName } from '../core/policies';
import type { Scenario } from '../core/scenario';

/** Numbers of `RULES` the analysis leaves alone, and why (the docs print this list). */
export const NOT_VARIED: Readonly<Record<string, string>> = {
  shareMin: 'a bound of what the player may choose (the 1–2 % band), not a behaviour of the rules',
  shareMax: 'a bound of what the player may choose (the 1–2 % band), not a behaviour of the rules',
  maxActions: 'a whole number of action slots (2): ±25 % is not a slot',
  targetingTurns: 'a whole number of turns (3): ±25 % is not a turn',
};

export interface Parameter {
  /** The name printed and accepted by `--param`: a dotted path into `RULES`, or a group. */
  name: string;
  /** The dotted paths it moves together. */
  paths: string[];
}

type Tree = { [key: string]: number | string | Tree };

/** Every numeric leaf of `RULES`, as dotted paths, in declaration order. */
function numericLeaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number') return [path];
    if (value && typeof value === 'object') return numericLeaves(value, path);
    return [];
  });
}

/**
 * The parameters, the absorption curve's thresholds and gains first (as groups over the
 * three capability tiers, then one by one), then every other number of `RULES` but those
 * in `NOT_VARIED`.
 */
export function sensitivityParameters(): Parameter[] {
  const leaves = numericLeaves(RULES as unknown as Tree).filter((p) => !(p in NOT_VARIED));
  const tiers = ['low', 'mid', 'high'];
  const groups: Parameter[] = [
    { name: 'absorption.*.threshold', paths: tiers.map((t) => `absorption.${t}.threshold`) },
    { name: 'absorption.*.gain', paths: tiers.map((t) => `absorption.${t}.gain`) },
  ];
  const absorption = leaves.filter((p) => p.startsWith('absorption.')).sort((a, b) => Number(b.endsWith('threshold')) - Number(a.endsWith('threshold')));
  const rest = leaves.filter((p) => !p.startsWith('absorption.'));
  return [...groups, ...absorption.map((p) => ({ name: p, paths: [p] })), ...rest.map((p) => ({ name: p, paths: [p] }))];
}

function holderOf(path: string): { holder: Record<string, number>; key: string } {
  const keys = path.split('.');
  let holder = RULES as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  const key = keys[keys.length - 1];
  if (typeof holder?.[key] !== 'number') throw new Error(`RULES.${path} is not a number`);
  return { holder: holder as Record<string, number>, key };
}

/** Runs `fn` with the given `RULES` numbers multiplied by `factor`, and puts them back after (also when `fn` throws). */
export function withRules<T>(paths: readonly string[], factor: number, fn: () => T): T {
  const saved = paths.map((path) => {
    const { holder, key } = holderOf(path);
    const value = holder[key];
    holder[key] = value * factor;
    return () => (holder[key] = value);
  });
  try {
    return fn();
  } finally {
    for (const restore of saved.reverse()) restore();
  }
}

/** What one policy does in one era over the seeds. */
export interface Outcome {
  meanScore: number;
  /** Population standard deviation of the score over the seeds (the luck spread). */
  sdScore: number;
  /** Share of seeds graded A or B: objectives carrying ≥ 2/3 of the weight met. */
  win: number;
  /** Share of seeds graded D or E: less than 1/3 of the weight met. */
  loss: number;
  meanTrust: number;
  meanConsensus: number;
}

/** Plays `policy` over seeds 1..`seeds` on a fresh copy of `scenario` (see the module comment) under the current `RULES`. */
export function outcome(scenario: Scenario, policy: PolicyName, seeds: number): Outcome {
  const fresh = structuredClone(scenario);
  let sum = 0;
  let squares = 0;
  let win = 0;
  let loss = 0;
  let trust = 0;
  let consensus = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const run = simulateEra(fresh, seed, policy, false);
    const score = run.score.score;
    sum += score;
    squares += score * score;
    const grade = gradeEra(run.score).grade;
    if (grade === 'A' || grade === 'B') win++;
    if (grade === 'D' || grade === 'E') loss++;
    trust += averageOf(fresh, run.state, 'trust');
    consensus += run.state.alliance.consensus;
  }
  const mean = sum / seeds;
  return {
    meanScore: mean,
    sdScore: Math.sqrt(Math.max(0, squares / seeds - mean * mean)),
    win: win / seeds,
    loss: loss / seeds,
    meanTrust: trust / seeds,
    meanConsensus: consensus / seeds,
  };
}

/** One era under one variant of the rules: both bots and the gap between them. */
export interface Cell {
  equal: Outcome;
  prioritise: Outcome;
  /** prioritise − equal, mean score: positive when prioritising pays, the game's argument. */
  gap: number;
}

export function cell(scenario: Scenario, seeds: number): Cell {
  const equal = outcome(scenario, 'equal', seeds);
  const prioritise = outcome(scenario, 'prioritise', seeds);
  return { equal, prioritise, gap: prioritise.meanScore - equal.meanScore };
}

export interface Variant {
  parameter: string;
  /** −0.25 or +0.25 (0 for the unchanged rules). */
  change: number;
  /** By scenario id. */
  cells: Record<string, Cell>;
}

export const CHANGES = [-0.25, 0.25] as const;

/**
 * The unchanged rules first, then each parameter at −25 % and +25 %, each over every
 * scenario; `tick` is called after each variant (for a progress line).
 */
export function sensitivity(scenarios: readonly Scenario[], parameters: readonly Parameter[], seeds: number, tick: (done: number, total: number) => void = () => {}): Variant[] {
  const total = 1 + parameters.length * CHANGES.length;
  const play = (): Record<string, Cell> => Object.fromEntries(scenarios.map((s) => [s.id, cell(s, seeds)]));
  const variants: Variant[] = [{ parameter: 'baseline', change: 0, cells: play() }];
  tick(1, total);
  for (const p of parameters) {
    for (const change of CHANGES) {
      variants.push({ parameter: p.name, change, cells: withRules(p.paths, 1 + change, play) });
      tick(variants.length, total);
    }
  }
  return variants;
}

const f1 = (v: number) => v.toFixed(1);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;
const pct = (v: number) => `${Math.round(v * 100)}`;
const changeLabel = (c: number) => (c === 0 ? '—' : `${c > 0 ? '+' : '−'}${Math.abs(c * 100)} %`);

/**
 * The tables as markdown: first the gap per era for every variant (a gap at or below zero,
 * where the argument flips, in bold with "flips"), then one table per era with each bot's
 * mean score and win / loss shares.
 */
export function sensitivityTables(scenarios: readonly Scenario[], variants: readonly Variant[], seeds: number): string {
  const base = variants[0];
  const out: string[] = [];
  out.push(`Prioritise − equal, mean score over seeds 1–${seeds} (change from the unchanged rules in brackets; "flips" where prioritising no longer pays):`, '');
  out.push(`| parameter | change | ${scenarios.map((s) => s.id).join(' | ')} |`);
  out.push(`|---|---|${scenarios.map(() => '---|').join('')}`);
  for (const v of variants) {
    const cols = scenarios.map((s) => {
      const gap = v.cells[s.id].gap;
      const text = v.change === 0 ? signed(gap) : `${signed(gap)} (${signed(gap - base.cells[s.id].gap)})`;
      return gap <= 0 ? `**${text} flips**` : text;
    });
    out.push(`| ${v.parameter} | ${changeLabel(v.change)} | ${cols.join(' | ')} |`);
  }
  for (const s of scenarios) {
    out.push('', `${s.id}: mean score, win % (grade A–B) and loss % (grade D–E) per bot, and the gap:`, '');
    out.push('| parameter | change | equal mean | prioritise mean | gap | equal win / loss % | prioritise win / loss % |');
    out.push('|---|---|---|---|---|---|---|');
    for (const v of variants) {
      const c = v.cells[s.id];
      out.push(`| ${v.parameter} | ${changeLabel(v.change)} | ${f1(c.equal.meanScore)} | ${f1(c.prioritise.meanScore)} | ${signed(c.gap)} | ${pct(c.equal.win)} / ${pct(c.equal.loss)} | ${pct(c.prioritise.win)} / ${pct(c.prioritise.loss)} |`);
    }
  }
  return out.join('\n');
}
