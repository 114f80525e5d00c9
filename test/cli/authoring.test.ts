/**
 * The scenario-authoring tools as an author meets them, where QA found them wanting:
 * `scenario:new` given a --dir that is a file, or one it cannot write, says so in one line
 * (exit 2, no stack trace), and writes a `$schema` that leads from where the file goes to
 * scenarios/schema.json; `scenario:check` warns of an untouched scaffold and of an inject
 * whose choices NATO's staff cannot make, and still passes the file; `exercise --out`
 * refuses a folder holding files already (unless --force), a name ending in .json that is
 * no folder, and a folder inside scenarios/. docs/scenario-authoring.md; README.md,
 * "Command-line tools".
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { root, runCli, noStack } from '../support/cli';

const temp = () => mkdtempSync(join(tmpdir(), 'coopsec-authoring-'));
const scaffold = (...args: string[]) => runCli('scenarioNew.ts', ['--from', 'era4-after2022', '--id', 'era6', ...args]);
/** One line, naming the tool; no usage and nothing of Node's own message. */
const oneLine = (err: string) => {
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/^Error|ENOTDIR: not a directory|node:internal/m);
  noStack(err);
};

describe('npm run scenario:new -- --dir', () => {
  it('a --dir that is a file is refused in one line, exit 2', () => {
    const file = join(temp(), 'somefile');
    writeFileSync(file, '');
    const r = scaffold('--dir', file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`scenario:new: --dir "${file}" is a file, not a folder; give the folder to write era6.json into\n`);
    oneLine(r.err);
  });

  it('a folder it cannot write to is refused in one line naming the file and why, exit 2', () => {
    // Root writes through a folder's permissions, so a read-only place stands in for one then.
    const asRoot = process.getuid?.() === 0;
    let dir = join(temp(), 'locked');
    if (asRoot) dir = '/sys';
    else {
      mkdirSync(dir);
      chmodSync(dir, 0o555);
    }
    if (asRoot && !existsSync('/sys')) return;
    const r = scaffold('--dir', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^scenario:new: cannot write ${join(dir, 'era6.json').replace(/[/.]/g, '\\$&')}: (permission denied \\(EACCES\\)|the file system is read-only \\(EROFS\\))\\n$`));
    oneLine(r.err);
    if (!asRoot) chmodSync(dir, 0o755);
  });

  it('a folder where the file should be is refused in one line even with --force', () => {
    const dir = temp();
    mkdirSync(join(dir, 'era6.json'));
    const r = scaffold('--dir', dir, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`scenario:new: cannot write ${join(dir, 'era6.json')}: a folder of that name is in the way (EISDIR)\n`);
  });

  it('writes a $schema leading from --dir to scenarios/schema.json, first in the file', () => {
    const dir = join(temp(), 'drafts', 'black-sea');
    mkdirSync(dir, { recursive: true });
    const r = scaffold('--dir', dir);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(join(dir, 'era6.json'), 'utf8');
    const data = JSON.parse(text) as { $schema: string };
    expect(Object.keys(data)[0]).toBe('$schema');
    expect(data.$schema).toMatch(/^\.\.?\//);
    expect(data.$schema).not.toBe('./schema.json');
    expect(resolve(dir, data.$schema)).toBe(join(root, 'scenarios', 'schema.json'));
    expect(existsSync(resolve(dir, data.$schema))).toBe(true);
  });

  it('keeps "./schema.json" for a file written into scenarios/ itself (a copy of it here)', () => {
    const copy = temp();
    for (const f of readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'))) writeFileSync(join(copy, f), readFileSync(join(root, 'scenarios', f)));
    const before = process.env.COOPSEC_SCENARIO_DIR;
    process.env.COOPSEC_SCENARIO_DIR = copy;
    try {
      const r = scaffold();
      expect(r.code, r.err).toBe(0);
    } finally {
      if (before === undefined) delete process.env.COOPSEC_SCENARIO_DIR;
      else process.env.COOPSEC_SCENARIO_DIR = before;
    }
    expect(JSON.parse(readFileSync(join(copy, 'era6.json'), 'utf8')).$schema).toBe('./schema.json');
  });
});

describe('docs/scenario-authoring.md', () => {
  it('shows the line scenario:new prints for a --dir that is a file', () => {
    const doc = readFileSync(join(root, 'docs/scenario-authoring.md'), 'utf8');
    const shown = /\$ npm run scenario:new -- --from era4-after2022 --id era6 --dir \/tmp\/somefile\n\s*(.*)\n/.exec(doc);
    expect(shown, 'the example is in the page').not.toBeNull();
    const file = join(temp(), 'somefile');
    writeFileSync(file, '');
    expect(scaffold('--dir', file).err).toBe(`${shown![1].replaceAll('/tmp/somefile', file)}\n`);
  });
});

describe('npm run scenario:check warnings', () => {
  it('warns of an untouched scaffold (its "edit me" title, its empty history) by JSON path, and passes it', () => {
    const dir = temp();
    expect(scaffold('--dir', dir).code).toBe(0);
    const r = runCli('scenarioCheck.ts', [join(dir, 'era6.json')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ok {2}era6\.json/m);
    expect(r.err).toContain(`${join(dir, 'era6.json')}: warning: $.title: the title still carries the "edit me" mark of npm run scenario:new`);
    expect(r.err).toContain(`${join(dir, 'era6.json')}: warning: $.history.entries: no history entries`);
    expect(r.err).toMatch(/^\d+ warnings \(.*\d+ on the era's authoring, each saying what to change\)$/m);
  });

  it('warns of an inject whose audience leaves out NATO\'s staff and that offers several choices, by its audience\'s path', () => {
    const dir = temp();
    const data = JSON.parse(readFileSync(join(root, 'scenarios/era4-after2022.json'), 'utf8')) as { id: string; injects: { audience: string[]; choices: unknown[] }[] };
    data.id = 'qa-audience';
    data.injects = data.injects.map((i) => ({ ...i, audience: ['all'] }));
    data.injects[1].audience = ['red:russia'];
    const file = join(dir, 'qa-audience.json');
    writeFileSync(file, JSON.stringify(data));
    const r = runCli('scenarioCheck.ts', [file]);
    expect(r.code, r.err).toBe(0);
    const lines = r.err.split('\n').filter((l) => l.includes('.audience:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/: warning: \$\.injects\[1\]\.audience: NATO's staff is not in this inject's audience \("red:russia"\), and only NATO's staff answers cards/);
  });
});

describe('npm run exercise -- --out', () => {
  const exercise = (args: string[]) => runCli('exercise.ts', args);

  it('refuses a folder that holds files already unless --force, which then writes into it; --compare\'s --out too', () => {
    const dir = temp();
    const out = join(dir, 'rehearsal');
    mkdirSync(out);
    writeFileSync(join(out, 'exercise.json'), '{"an earlier run": true}');
    const refused = exercise(['--scenario', 'era1-enlargement', '--seeds', '1', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`error: --out ${out} holds files already (exercise.json); give a new or empty folder, or add --force to write exercise.json, aar.json, aar.csv and aar.html into it (replacing an earlier run's)\n`);
    expect(readFileSync(join(out, 'exercise.json'), 'utf8')).toBe('{"an earlier run": true}');
    // With an MSEL whose first inject leaves NATO's staff out: warned of, and played.
    const injects = (JSON.parse(readFileSync(join(root, 'scenarios/era1-enlargement.json'), 'utf8')) as { injects: { audience: string[] }[] }).injects;
    injects[0].audience = ['red:russia', 'white'];
    const msel = join(dir, 'my-msel.json');
    writeFileSync(msel, JSON.stringify({ scenario: 'era1-enlargement', injects }));
    const forced = exercise(['--scenario', 'era1-enlargement', '--seeds', '1', '--msel', msel, '--out', out, '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.err).toMatch(new RegExp(`^warning: ${msel.replace(/[/.]/g, '\\$&')}: \\$\\.injects\\[0\\]\\.audience: NATO's staff is not in this inject's audience`, 'm'));
    expect(JSON.parse(readFileSync(join(out, 'exercise.json'), 'utf8')).format).toBe('coopsec-exercise');

    const record = join(out, 'exercise.json');
    const plenary = join(dir, 'plenary');
    mkdirSync(plenary);
    writeFileSync(join(plenary, 'notes.txt'), 'kept');
    const compareRefused = exercise(['--compare', record, record, '--out', plenary]);
    expect(compareRefused.code).toBe(2);
    expect(compareRefused.err).toMatch(/^error: --out .*plenary holds files already \(notes\.txt\); .*add --force to write compare\.json and compare\.html into it/);
    expect(exercise(['--compare', record, record, '--out', join(dir, 'plenary.json')]).err).toMatch(/looks like a file name/);
    const compared = exercise(['--compare', record, record, '--out', plenary, '--force']);
    expect(compared.code, compared.err).toBe(0);
    expect(readdirSync(plenary).sort()).toEqual(['compare.html', 'compare.json', 'notes.txt']);
  });

  it('refuses a name ending in .json that is no folder, and makes no folder of that name', () => {
    const out = join(temp(), 'run.json');
    const r = exercise(['--scenario', 'era1-enlargement', '--seeds', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --out ${out} looks like a file name, but --out is the folder the run writes exercise.json, aar.json, aar.csv and aar.html into; give a folder\n`);
    expect(existsSync(out)).toBe(false);
  });

  it.each([['scenarios/run'], ['scenarios/run.json'], ['scenarios'], [join(root, 'scenarios', 'nested', 'deeper')]])('refuses %s, inside scenarios/, where its files would be read as eras', (out) => {
    const r = exercise(['--scenario', 'era1-enlargement', '--seeds', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: --out ${out} is inside scenarios/, where every .json file is read as an era; give a folder elsewhere\n`);
    expect(existsSync(resolve(root, out))).toBe(out === 'scenarios');
    expect(existsSync(join(root, 'scenarios', 'nested'))).toBe(false);
  });

  it('--help shows --force', () => {
    const r = exercise(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--out <dir> \[--force\]/);
    expect(r.out).toMatch(/--force writes over the files of one that holds some already/);
  });
});
