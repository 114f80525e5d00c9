/**
 * Flags of the scenario and balance CLIs: --help prints usage and exits 0 without doing the
 * work, an unknown option is refused with usage and exit 2, and a facilitator's file may not
 * take the id of an era that ships with the game (the game refuses it too: src/game/catalogue.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli } from '../support/cli';

const run = runCli;
const schemaFiles = ['schema.json', 'campaign.schema.json', 'plan.schema.json', 'msel.schema.json', 'sources.schema.json'].map((f) => join(root, 'scenarios', f));
const mtimes = () => schemaFiles.map((f) => statSync(f).mtimeMs);

describe('npm run scenario:schema flags', () => {
  it('--help prints usage and writes nothing', () => {
    const before = mtimes();
    const r = run('writeSchema.ts', ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: npm run scenario:schema/);
    expect(r.out).not.toMatch(/wrote/);
    expect(mtimes()).toEqual(before);
  });

  it('an unknown option is refused with usage, exit 2, and writes nothing', () => {
    const before = mtimes();
    const r = run('writeSchema.ts', ['--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: Unknown option '--bogus'/);
    expect(r.err).toMatch(/usage: npm run scenario:schema/);
    expect(r.out).toBe('');
    expect(mtimes()).toEqual(before);
  });
});

describe('npm run scenario:check flags', () => {
  it('an unknown option is refused, not taken for a file name', () => {
    const r = run('scenarioCheck.ts', ['--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: Unknown option '--bogus'\n/);
    expect(r.err).toMatch(/usage: npm run scenario:check/);
    expect(r.err).not.toMatch(/file not found/);
  });

  it('--help prints usage, exit 0', () => {
    const r = run('scenarioCheck.ts', ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: npm run scenario:check/);
  });

  it("refuses a facilitator's file whose id is a shipped era's, naming the file and the id", () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-check-'));
    const file = join(dir, 'mine.json');
    writeFileSync(file, readFileSync(join(root, 'scenarios/era4-after2022.json'), 'utf8'));
    const r = run('scenarioCheck.ts', [file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}: the id "era4-after2022" is the id of an era that ships with the game`);
    expect(r.out).not.toMatch(/^ok /m);
  });

  it('still passes a shipped era named explicitly', () => {
    const r = run('scenarioCheck.ts', [join(root, 'scenarios/era1-enlargement.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok {2}era1-enlargement\.json/m);
  });
});

describe('npm run balance flags', () => {
  it('--help prints usage, exit 0, without running', () => {
    const r = run('balance.ts', ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: npm run balance/);
    expect(r.err).toBe('');
  });
});

describe('npm run scenario:new ids', () => {
  it("refuses a shipped era's id and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-new-'));
    const r = run('scenarioNew.ts', ['--from', 'era1-enlargement', '--id', 'era1-enlargement', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--id "era1-enlargement" is the id of an era that ships with the game');
    expect(existsSync(join(dir, 'era1-enlargement.json'))).toBe(false);
  });
});

describe('negative numbers and optional flags of sim and balance', () => {
  it('a negative count is refused by the flag\'s own check, naming it, exit 2, no stack trace', () => {
    for (const [script, args, message] of [
      ['sim.ts', ['--scenario', 'era1-enlargement', '--runs', '-5'], /^error: --runs must be at least 1 \(got -5\)/],
      ['balance.ts', ['--seeds', '-3'], /^error: --seeds must be at least 1 \(got -3\)/],
    ] as const) {
      const r = run(script, [...args]);
      expect(r.code, script).toBe(2);
      expect(r.err, script).toMatch(message);
      expect(r.err, script).not.toMatch(/ambiguous|at .*\.ts:\d+/);
    }
  });

  it('sim\'s usage shows the seed and policy as optional, with the defaults it uses', () => {
    const help = run('sim.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/\[--seed <n>, default 1\] \[--policy <equal\|prioritise\|random>, default equal\]/);
    const r = run('sim.ts', ['--scenario', 'era1-enlargement']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Enlargement and partnership, 1994–2004 {2}seed 1 {2}policy equal/);
  });
});
