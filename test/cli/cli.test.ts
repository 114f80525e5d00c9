/**
 * The command-line tools as a facilitator meets them: `sim` is reproducible per seed and
 * differs between seeds for every era; bad input gets a clear message and a non-zero exit,
 * never a stack trace; `scenario:check` names the file, path and expectation.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { miniScenarioInput } from '../support/builder';
import { root, runCli, noStack } from '../support/cli';

const run = runCli;
const sim = (args: string[]) => run('sim.ts', args);

describe('npm run sim', () => {
  it.each(['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022'])('%s: same seed same JSON, other seed other JSON', (id) => {
    const a = sim(['--scenario', id, '--seed', '4', '--policy', 'equal', '--json']);
    const b = sim(['--scenario', id, '--seed', '4', '--policy', 'equal', '--json']);
    const c = sim(['--scenario', id, '--seed', '5', '--policy', 'equal', '--json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(c.out).not.toBe(a.out);
    const json = JSON.parse(a.out);
    expect(json).toMatchObject({ scenario: id, seed: 4, policy: 'equal' });
    expect(json.turns[0]).toHaveProperty('envelope');
    expect(json.turns[0].metrics).toHaveProperty('consensus');
    expect(typeof json.score).toBe('number');
  });

  it('prints a readable turn-by-turn summary', () => {
    const r = sim(['--scenario', 'era1-enlargement', '--seed', '2', '--policy', 'prioritise']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1994 {2}share 1\.5 %/);
    expect(r.out).toMatch(/score \d+/);
  });

  it('prints the spread over many runs', () => {
    const r = sim(['--scenario', 'era2-stability', '--seed', '1', '--policy', 'random', '--runs', '20']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mean\s+p10\s+p50\s+p90/);
    expect(r.out).toMatch(/^score/m);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown scenario lists the valid ones', ['--scenario', 'era9', '--policy', 'equal'], /unknown scenario "era9"; valid scenarios: era1-enlargement, era2-stability/],
    ['an unknown policy lists the valid ones', ['--scenario', 'era1-enlargement', '--policy', 'greedy'], /unknown policy "greedy"; valid policies: equal, prioritise, random/],
    ['a wrong flag', ['--scenario', 'era1-enlargement', '--sed', '3'], /Unknown option '--sed'/],
    ['a seed that is not a number', ['--scenario', 'era1-enlargement', '--seed', 'abc'], /--seed takes a whole number from 0 to 4294967295 \(got abc\)/],
    ['zero runs', ['--scenario', 'era1-enlargement', '--runs', '0'], /--runs must be at least 1/],
  ];
  it.each(bad)('%s', (_name, args, message) => {
    const r = sim(args);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });

  it('an invalid scenario file prints the file, each JSON path and what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-'));
    const input = miniScenarioInput();
    input.partners[0].trust = 140;
    input.events[0].partners = ['ZZZ'];
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(input));
    const r = sim(['--scenario', file, '--policy', 'equal']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(file);
    expect(r.err).toMatch(/\$\.partners\[0\]\.trust: .*100/);
    noStack(r.err);
    const notJson = join(dir, 'notjson.json');
    writeFileSync(notJson, '{\n "id": "x",\n nope\n}');
    const r2 = run('scenarioCheck.ts', [notJson]);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/line 3, column \d+: not valid JSON/);
    noStack(r2.err);
  });
});

describe('npm run scenario:check', () => {
  it('passes on the shipped scenarios', () => {
    const r = run('scenarioCheck.ts', []);
    expect(r.code).toBe(0);
    expect(r.out.match(/^ok /gm)).toHaveLength(4);
  });

  it('fails with the path of each problem in a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-'));
    const input = miniScenarioInput();
    input.budget.share = 3;
    const file = join(dir, 'share.json');
    writeFileSync(file, JSON.stringify(input));
    const r = run('scenarioCheck.ts', [file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\$\.budget\.share/);
  });
});
