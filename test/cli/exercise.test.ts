/**
 * `npm run exercise` as a facilitator meets it: every era runs with all roles played by
 * the engine and writes its four files; the worked era-4 plan (held moves, objections, a
 * White Cell decision, adjudications, injects, a rewind) runs, and its replay prints the
 * same state hash and score; two syndicates compare; and bad input — a broken plan or MSEL,
 * a move for the wrong role, an adjudication without rationale, a tampered log, a wrong
 * flag — gets one clear message naming the file and path or seq, a non-zero exit, and
 * nothing half-written in --out.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const exercise = (args: string[]) => {
  const r = spawnSync(tsx, [join(root, 'src/cli/exercise.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
const temp = () => mkdtempSync(join(tmpdir(), 'coopsec-exercise-'));
const hashOf = (text: string) => /state hash ([0-9a-f]+)/.exec(text)?.[1];
const scoreOf = (text: string) => /score ([\d.]+)/.exec(text)?.[1];
const FILES = ['aar.csv', 'aar.html', 'aar.json', 'exercise.json'];

describe('npm run exercise', () => {
  it.each(['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022'])('%s with every role the engine\'s writes the four files, and replays to the same hash', (id) => {
    const out = join(temp(), 'run');
    const r = exercise(['--scenario', id, '--seed', '7', '--seeds', '20', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(FILES);
    const replay = exercise(['--replay', join(out, 'exercise.json')]);
    expect(replay.code, replay.err).toBe(0);
    expect(hashOf(replay.out)).toBe(hashOf(r.out));
    expect(scoreOf(replay.out)).toBe(scoreOf(r.out));
  });

  it('plays the worked era-4 plan and its replay matches; --to-turn stops early; French report', () => {
    const out = join(temp(), 'era4');
    const r = exercise(['--scenario', 'era4-after2022', '--seed', '2022', '--plan', 'docs/examples/era4-plan.json', '--lang', 'fr', '--seeds', '20', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/branch 1/);
    const record = JSON.parse(readFileSync(join(out, 'exercise.json'), 'utf8'));
    expect(record.log.some((e: { move: { type: string } }) => e.move.type === 'white.rewind')).toBe(true);
    const aar = readFileSync(join(out, 'aar.json'), 'utf8');
    expect(aar).toContain("Russia's full-scale invasion outweighs a year of routine partnership money.");
    expect(readFileSync(join(out, 'aar.html'), 'utf8')).toContain('lang="fr"');
    const replay = exercise(['--replay', join(out, 'exercise.json')]);
    expect(hashOf(replay.out)).toBe(hashOf(r.out));
    const early = exercise(['--replay', join(out, 'exercise.json'), '--to-turn', '2']);
    expect(early.code).toBe(0);
    expect(early.out).toMatch(/stopped at 2024|stopped at 2023/);
  });

  it('compares two syndicates of one scenario and seed', () => {
    const dir = temp();
    expect(exercise(['--scenario', 'era2-stability', '--seed', '3', '--seeds', '5', '--out', join(dir, 'a')]).code).toBe(0);
    expect(exercise(['--scenario', 'era2-stability', '--seed', '3', '--seeds', '5', '--plan', 'docs/examples/era2-plan.json', '--out', join(dir, 'b')]).code).toBe(0);
    const r = exercise(['--compare', join(dir, 'a/exercise.json'), join(dir, 'b/exercise.json'), '--out', join(dir, 'plenary')]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, 'plenary')).sort()).toEqual(['compare.html', 'compare.json']);
  });
});

describe('bad input', () => {
  const write = (name: string, data: unknown) => {
    const file = join(temp(), name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };
  const cases: [string, () => string[], RegExp][] = [
    ['a wrong flag', () => ['--scenario', 'era1-enlargement', '--sed', '3'], /Unknown option '--sed'/],
    ['an unknown scenario', () => ['--scenario', 'era9', '--out', temp()], /unknown scenario "era9"; valid scenarios: .*era1-enlargement/],
    ['a plan that is not JSON', () => ['--scenario', 'era1-enlargement', '--plan', write('plan.json', '{ "seats": '), '--out', join(temp(), 'never-written')], /plan\.json: .*not valid JSON/],
    ['an unknown role in a plan', () => ['--scenario', 'era1-enlargement', '--plan', write('plan.json', { seats: { 'ally:atlantis': { held: true } } }), '--out', join(temp(), 'never-written')], /plan\.json: 1 problem[\s\S]*\$\.seats\["ally:atlantis"\]: no such role/],
    [
      'a move for the wrong role',
      () => ['--scenario', 'era1-enlargement', '--plan', write('plan.json', { seats: { nato: { held: true }, white: { held: true } }, moves: [{ year: 1994, phase: 'briefing', role: 'nato', type: 'white.publish', serial: '1' }] }), '--out', join(temp(), 'never-written')],
      /\$\.moves\[0\]: nato white\.publish in 1994 briefing: only the White Cell/,
    ],
    [
      'an adjudication without rationale',
      () => ['--scenario', 'era1-enlargement', '--plan', write('plan.json', { seats: { white: { held: true } }, moves: [{ year: 1994, phase: 'adjudication', role: 'white', type: 'white.adjudicate', region: 'east', step: 'noChange', rationale: '' }] }), '--out', join(temp(), 'never-written')],
      /\$\.moves\[0\]: .*rationale/,
    ],
    ['a broken MSEL', () => ['--scenario', 'era1-enlargement', '--msel', write('msel.json', { injects: [{ serial: 1 }] }), '--out', join(temp(), 'never-written')], /msel\.json: \d+ problems?[\s\S]*\$\.injects\[0\]/],
    ['a replay of a file that is not an exercise', () => ['--replay', write('exercise.json', { hello: 1 })], /\$\.format: not an exercise file/],
    ['a compare with one file', () => ['--compare', write('a.json', {}), '--out', temp()], /two exercise files or more/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const argv = args();
    const r = exercise(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
    const out = argv[argv.indexOf('--out') + 1];
    if (argv.includes('--out') && out.endsWith('never-written')) expect(existsSync(out)).toBe(false);
  });

  it('a tampered log is refused at the move that no longer holds, by its seq', () => {
    const out = join(temp(), 'run');
    expect(exercise(['--scenario', 'era4-after2022', '--seed', '2', '--plan', 'docs/examples/era4-plan.json', '--seeds', '5', '--out', out]).code).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'exercise.json'), 'utf8'));
    const i = record.log.findIndex((e: { move: { type: string } }) => e.move.type === 'white.adjudicate');
    record.log[i].role = 'nato';
    const file = write('exercise.json', record);
    const r = exercise(['--replay', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`move seq ${record.log[i].seq} is refused on replay`);
  });
});
