/**
 * `npm run balance`: the 500-seed table's luck spread and the sensitivity analysis
 * (docs/balance.md). Same flags give the same output (seeded, deterministic), bad flags get
 * one clear message and exit 2, never a stack trace; the way a variant of the rules is
 * played (RULES changed in place, a fresh copy of the scenario) gives what the reference
 * rules give under the same change, and leaves RULES as it found it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { simulateEra } from '../../src/core/game';
import { RULES } from '../../src/core/rules';
import { simulateEraReference } from '../../src/core/rules/reference';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import { NOT_VARIED, outcome, sensitivityParameters, withRules } from '../../src/cli/sensitivity';
import type { Scenario } from '../../src/core/scenario';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const balance = (args: string[]) => {
  const r = spawnSync(tsx, [join(root, 'src/cli/balance.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
const eras = scenarioFiles().map((f) => (loadScenarioFile(f) as { scenario: Scenario }).scenario);
const era = (id: string) => eras.find((s) => s.id === id)!;

describe('npm run balance -- --sensitivity', () => {
  it('prints the gap table and the per-era table for one parameter, the same twice over', () => {
    const args = ['--sensitivity', '--seeds', '4', '--scenario', 'era3-global', '--param', 'absorption.*.threshold'];
    const a = balance(args);
    const b = balance(args);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const lines = a.out.split('\n');
    expect(lines.filter((l) => l.startsWith('| baseline |'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('| absorption.*.threshold | −25 % |'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('| absorption.*.threshold | +25 % |'))).toHaveLength(2);
    expect(a.out).toMatch(/\| parameter \| change \| era3-global \|/);
    expect(a.out).toMatch(/equal win \/ loss %/);
    // The baseline gap is what the bots give under the unchanged rules, over the same seeds.
    const s = era('era3-global');
    const gap = outcome(s, 'prioritise', 4).meanScore - outcome(s, 'equal', 4).meanScore;
    const printed = /\| baseline \| — \| ([+−][\d.]+) \|/.exec(a.out)![1];
    expect(printed).toBe(`${gap >= 0 ? '+' : '−'}${Math.abs(gap).toFixed(1)}`);
  });

  it('names every parameter of the rules but the four it leaves alone, absorption thresholds first', () => {
    const names = sensitivityParameters().map((p) => p.name);
    expect(names[0]).toBe('absorption.*.threshold');
    for (const key of Object.keys(RULES)) {
      const value = (RULES as Record<string, unknown>)[key];
      if (typeof value === 'number' && !(key in NOT_VARIED)) expect(names).toContain(key);
    }
    for (const key of Object.keys(NOT_VARIED)) expect(names).not.toContain(key);
    expect(names).toContain('costs.declarePriorities');
    expect(names).toContain('satisfaction.fairness');
    expect(names).not.toContain('focusField.interop');
  });

  it.each([
    [['--sensitivity', '--param', 'nonsense'], /--param "nonsense" is not a parameter of the rules \(one of: absorption\.\*\.threshold, /],
    [['--param', 'fade'], /--param needs --sensitivity/],
    [['--seeds', 'many'], /--seeds must be an integer \(got "many"\)/],
    [['--seeds', '0'], /--seeds must be at least 1/],
    [['--scenario', 'era9-nowhere'], /--scenario "era9-nowhere" is not a scenario in scenarios\/ \(one of: era1-enlargement/],
    [['--sensitvity'], /Unknown option '--sensitvity'[\s\S]*usage: npm run balance/],
  ])('refuses %j clearly', (args, message) => {
    const r = balance(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
    noStack(r.err);
  });
});

describe('npm run balance (table and luck spread)', () => {
  it('prints the table and the luck spread, deterministic over seeds', () => {
    const args = ['--seeds', '6', '--scenario', 'era2-stability'];
    const a = balance(args);
    expect(a.code).toBe(0);
    expect(a.out).toBe(balance(args).out);
    expect(a.out).toMatch(/\| era2-stability \| prioritise \| [\d.]+ \([\d.]+–[\d.]+\) \|/);
    expect(a.out).toMatch(/Luck spread: the score across seeds 1–6/);
    const sd = outcome(era('era2-stability'), 'equal', 6).sdScore.toFixed(2);
    expect(a.out).toMatch(new RegExp(`\\| era2-stability \\| equal \\| [\\d.]+ \\| ${sd.replace('.', '\\.')} \\|`));
  });
});

describe('a variant of the rules', () => {
  it('plays as the reference rules under the same change, and RULES is restored after', () => {
    const before = JSON.stringify(RULES);
    const midThreshold = RULES.absorption.mid.threshold;
    const fade = RULES.fade;
    const cases: Array<[string, number, string]> = [
      ['absorption.*.threshold', 1.25, 'era1-enlargement'],
      ['absorption.*.threshold', 0.75, 'era4-after2022'],
      ['trustPerSatisfaction', 1.25, 'era2-stability'],
      ['costs.declarePriorities', 0.75, 'era3-global'],
      ['natoPull', 1.25, 'era4-after2022'],
    ];
    const params = sensitivityParameters();
    for (const [name, factor, id] of cases) {
      const p = params.find((x) => x.name === name)!;
      const s = era(id);
      // Warm the caches of the shared scenario under the unchanged rules first.
      simulateEra(s, 2, 'prioritise', false);
      const [fast, reference, unchanged] = withRules(p.paths, factor, () => [
        simulateEra(structuredClone(s), 2, 'prioritise', false).score.score,
        simulateEraReference(structuredClone(s), 2, 'prioritise').score.score,
        RULES.absorption.mid.threshold,
      ]);
      expect(fast, `${name} × ${factor} in ${id}`).toBe(reference);
      if (name.startsWith('absorption')) {
        // The change did reach the fast path (the curve moves every partner's progress).
        expect(fast).not.toBe(simulateEra(s, 2, 'prioritise', false).score.score);
        expect(unchanged).toBeCloseTo(midThreshold * factor, 12);
      }
    }
    expect(JSON.stringify(RULES)).toBe(before);
    expect(() => withRules(['fade'], 2, () => { throw new Error('inside'); })).toThrow('inside');
    expect(RULES.fade).toBe(fade);
  });
});
