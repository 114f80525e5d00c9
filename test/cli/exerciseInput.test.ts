/**
 * What QA found the command-line tools getting wrong, each checked as a facilitator meets
 * it: an exercise of a facilitator's own era file replays and compares (`--scenario` says
 * where the era is, and must be the record's era); files saved with a UTF-8 byte-order
 * mark read like any other; a bad `--out`, a flag that does not belong with `--replay`, an
 * unknown flag or a flag without its value get one line naming the flag, exit 2 and no
 * stack trace; and seeds outside 0..4294967295, which the generator's 32 bits would fold
 * onto another seed, are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli, noStack } from '../support/cli';

const run = runCli;
const exercise = (args: string[]) => run('exercise.ts', args);
/** One line of message, then at most the usage: nothing of Node's own parser advice. */
const oneLine = (err: string) => {
  expect(err.split('\n')[0]).toMatch(/^error: /);
  expect(err).not.toMatch(/ambiguous|positional argument|--port=-XYZ|E[A-Z]+: |mkdtemp|scandir/);
  noStack(err);
};
const temp = () => mkdtempSync(join(tmpdir(), 'coopsec-input-'));
const hashOf = (text: string) => /state hash ([0-9a-f]+)/.exec(text)?.[1];
const BOM = '\uFEFF';

/** A facilitator's own era: era 4 under an id of its own, saved outside scenarios/. */
function customEra(dir: string, id = 'qa-custom'): string {
  const data = JSON.parse(readFileSync(join(root, 'scenarios/era4-after2022.json'), 'utf8')) as Record<string, unknown>;
  data.id = id;
  data.era = 5;
  delete data.$schema;
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('replaying and comparing an exercise of a custom era file', () => {
  const dir = temp();
  const era = customEra(dir);
  const out = join(dir, 'run');
  const record = join(out, 'exercise.json');
  let played: ReturnType<typeof exercise>;
  beforeAll(() => {
    played = exercise(['--scenario', era, '--seed', '3', '--seeds', '3', '--out', out]);
  });

  it('plays it', () => {
    expect(played.code, played.err).toBe(0);
  });

  it('without --scenario, the refusal names the era and says to pass --scenario <path>', () => {
    const r = exercise(['--replay', record]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*exercise\.json was played on the era "qa-custom", which is not in scenarios\/.*; pass --scenario <path> to its file\n$/);
    noStack(r.err);
  });

  it('with --scenario <path>, replays to the same hash, and --to-turn reads its years', () => {
    const r = exercise(['--replay', record, '--scenario', era]);
    expect(r.code, r.err).toBe(0);
    expect(hashOf(r.out)).toBe(hashOf(played.out));
    // --to-turn is checked against the era's own years, read from the file given.
    const past = exercise(['--scenario', era, '--replay', record, '--to-turn', '10']);
    expect(past.code).toBe(2);
    expect(past.err).toMatch(/^error: --to-turn 10 is past the era's last turn \(9\)/);
  });

  it("refuses a --scenario that is not the record's era, naming both", () => {
    const other = customEra(dir, 'qa-other');
    for (const scenario of [other, 'era4-after2022']) {
      const r = exercise(['--replay', record, '--scenario', scenario]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is the era "(qa-other|era4-after2022)", but .*exercise\.json was played on "qa-custom"/);
      noStack(r.err);
    }
  });

  it('compares two syndicates of it with --scenario, and refuses without', () => {
    const b = join(dir, 'b');
    expect(exercise(['--scenario', era, '--seed', '3', '--seeds', '3', '--out', b]).code).toBe(0);
    const refused = exercise(['--compare', record, join(b, 'exercise.json'), '--out', join(dir, 'never-written')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/pass --scenario <path>/);
    expect(existsSync(join(dir, 'never-written'))).toBe(false);
    const r = exercise(['--compare', record, join(b, 'exercise.json'), '--scenario', era, '--out', join(dir, 'plenary')]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, 'plenary')).sort()).toEqual(['compare.html', 'compare.json']);
  });

  it('a shipped era replays as before, with or without its id given', () => {
    const shipped = join(dir, 'shipped');
    const p = exercise(['--scenario', 'era2-stability', '--seed', '4', '--seeds', '3', '--out', shipped]);
    expect(p.code, p.err).toBe(0);
    for (const extra of [[], ['--scenario', 'era2-stability']]) {
      const r = exercise(['--replay', join(shipped, 'exercise.json'), ...extra]);
      expect(r.code, r.err).toBe(0);
      expect(hashOf(r.out)).toBe(hashOf(p.out));
    }
  });

  it('--help shows --scenario with --replay and --compare', () => {
    const r = exercise(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--replay <dir>\/exercise\.json \[--to-turn <n>\] \[--scenario <id\|path>\]/);
    expect(r.out).toMatch(/--compare <a\.json> <b\.json> \.\.\. \[--scenario <id\|path>\]/);
  });
});

describe('files saved with a UTF-8 byte-order mark', () => {
  it('a scenario, a plan and an MSEL file read as they would without it', () => {
    const dir = temp();
    const era = customEra(dir, 'qa-bom');
    writeFileSync(era, BOM + readFileSync(era, 'utf8'));
    const check = run('scenarioCheck.ts', [era]);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toMatch(/^ok {2}qa-bom\.json/m);
    const sim = run('sim.ts', ['--scenario', era, '--json']);
    expect(sim.code, sim.err).toBe(0);
    expect(JSON.parse(sim.out).scenario).toBe('qa-bom');

    const plan = join(dir, 'plan.json');
    writeFileSync(plan, BOM + JSON.stringify({ seats: { nato: { held: true }, white: { held: true } }, moves: [{ year: 2022, phase: 'briefing', role: 'white', type: 'white.note', text: 'saved by Notepad' }] }));
    const msel = join(dir, 'msel.json');
    const injects = (JSON.parse(readFileSync(join(root, 'scenarios/era4-after2022.json'), 'utf8')) as { injects: unknown[] }).injects;
    writeFileSync(msel, BOM + JSON.stringify({ scenario: 'qa-bom', injects }));
    const out = join(dir, 'run');
    const r = exercise(['--scenario', era, '--plan', plan, '--msel', msel, '--seeds', '3', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const record = readFileSync(join(out, 'exercise.json'), 'utf8');
    expect(record).toContain('saved by Notepad');
    writeFileSync(join(out, 'exercise.json'), BOM + record);
    const replay = exercise(['--replay', join(out, 'exercise.json'), '--scenario', era]);
    expect(replay.code, replay.err).toBe(0);
    expect(hashOf(replay.out)).toBe(hashOf(r.out));
  });
});

describe('--out, flags and their values', () => {
  it('--out naming a file is refused in one line, exit 2, before any work', () => {
    const file = join(temp(), 'afile');
    writeFileSync(file, 'not a folder');
    const r = exercise(['--scenario', 'era1-enlargement', '--out', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --out: ${file} is a file, not a folder\n`);
  });

  it('--out where no folder can be made is refused in one line naming it, exit 2', () => {
    const file = join(temp(), 'afile');
    writeFileSync(file, '');
    for (const out of [join(file, 'sub'), ...(existsSync('/proc/self') ? ['/proc/nope'] : [])]) {
      const r = exercise(['--scenario', 'era1-enlargement', '--seeds', '1', '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.err, out).toMatch(new RegExp(`^error: --out: cannot create ${out.replace(/[/.]/g, '\\$&')}: .+\\n$`));
      oneLine(r.err);
    }
  });

  it('--replay refuses --out (and other flags it would ignore), naming the flag', () => {
    const dir = temp();
    const out = join(dir, 'run');
    expect(exercise(['--scenario', 'era1-enlargement', '--seeds', '1', '--out', out]).code).toBe(0);
    for (const extra of [['--out', join(dir, 'elsewhere')], ['--seed', '3'], ['--plan', 'docs/examples/era4-plan.json']]) {
      const r = exercise(['--replay', join(out, 'exercise.json'), ...extra]);
      expect(r.code, extra[0]).toBe(2);
      expect(r.err).toMatch(new RegExp(`^error: --replay takes only --to-turn and --scenario \\(got ${extra[0]}\\)`));
      expect(r.out).toBe('');
    }
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it("an unknown flag or a flag without its value gets one line naming it, without Node's parser advice", () => {
    for (const [script, args, first] of [
      ['exercise.ts', ['--bogus'], "error: Unknown option '--bogus'"],
      ['exercise.ts', ['--scenario', '--seed', '3'], 'error: --scenario needs a value'],
      ['exercise.ts', ['--scenario', 'era1-enlargement', '--out'], 'error: --out needs a value'],
      ['sim.ts', ['--bogus'], "error: Unknown option '--bogus'"],
      ['sim.ts', ['--scenario'], 'error: --scenario needs a value'],
      ['balance.ts', ['--seeds'], 'error: --seeds needs a value'],
      ['scenarioCheck.ts', ['--bogus'], "error: Unknown option '--bogus'"],
    ] as const) {
      const r = run(script, [...args]);
      expect(r.code, `${script} ${args.join(' ')}`).toBe(2);
      expect(r.err.split('\n')[0], `${script} ${args.join(' ')}`).toBe(first);
      oneLine(r.err);
    }
  });
});

describe('seeds', () => {
  it('sim and exercise refuse seeds outside 0..4294967295, naming the flag and the range', () => {
    const dir = temp();
    for (const seed of ['-1', '4294967296', '4294967297', '9007199254740993', '1.5']) {
      for (const [script, args] of [
        ['sim.ts', ['--scenario', 'era1-enlargement', '--seed', seed, '--json']],
        ['exercise.ts', ['--scenario', 'era1-enlargement', '--seed', seed, '--out', join(dir, 'never-written')]],
      ] as const) {
        const r = run(script, [...args]);
        expect(r.code, `${script} ${seed}`).toBe(2);
        expect(r.err, `${script} ${seed}`).toBe(`error: --seed takes a whole number from 0 to 4294967295 (got ${seed})\n`);
      }
    }
    expect(existsSync(join(dir, 'never-written'))).toBe(false);
  });

  it('the ends of the range play, and 0 and 4294967295 are different games', () => {
    const a = run('sim.ts', ['--scenario', 'era1-enlargement', '--seed', '0', '--json']);
    const b = run('sim.ts', ['--scenario', 'era1-enlargement', '--seed', '4294967295', '--json']);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(JSON.parse(b.out).seed).toBe(4294967295);
    expect(JSON.parse(a.out).turns).not.toEqual(JSON.parse(b.out).turns);
  });

  it('--runs may not carry the seeds past 4294967295', () => {
    const r = run('sim.ts', ['--scenario', 'era1-enlargement', '--seed', '4294967290', '--runs', '10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: --runs 10 from --seed 4294967290 goes past the last seed, 4294967295; give --runs 6 or fewer/);
    expect(run('sim.ts', ['--scenario', 'era1-enlargement', '--seed', '4294967290', '--runs', '6']).code).toBe(0);
  });
});

describe('checking --out before the work', () => {
  it('leaves nothing behind beside --out', () => {
    const dir = temp();
    const era = customEra(dir);
    mkdirSync(join(dir, 'out'));
    expect(exercise(['--scenario', era, '--seeds', '1', '--out', join(dir, 'out')]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['out', 'qa-custom.json']);
  });
});
