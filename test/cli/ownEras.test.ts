/**
 * A scenario author's own era placed in scenarios/ (where `npm run scenario:new` writes it;
 * docs/scenario-authoring.md, "Shipped eras and your own") is told from the eras that ship with the game, which
 * are the campaign's (scenarios/campaign.json, as the game's catalogue lists them): its id is
 * the author's to scaffold again with --force, `--from` lists it apart from the shipped eras,
 * it does not move the next era's number, and `scenario:check` passes a copy of it elsewhere
 * and marks it as the author's own. QA found all of these treating it as a shipped era.
 *
 * The tools run on a copy of scenarios/ (COOPSEC_SCENARIO_DIR, src/cli/files.ts): other
 * tests read the real folder at the same time and expect the four shipped eras only.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli, noStack } from '../support/cli';

const SHIPPED = ['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022'];

let dir: string;

/** A fresh copy of scenarios/ (its JSON files: eras, campaign, registry, schemas). */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coopsec-own-eras-'));
  for (const f of readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'))) copyFileSync(join(root, 'scenarios', f), join(dir, f));
});

/** Runs a tool on the copy: the variable is set only while the (synchronous) run lasts. */
function run(script: string, args: string[]) {
  const before = process.env.COOPSEC_SCENARIO_DIR;
  process.env.COOPSEC_SCENARIO_DIR = dir;
  try {
    return runCli(script, args);
  } finally {
    if (before === undefined) delete process.env.COOPSEC_SCENARIO_DIR;
    else process.env.COOPSEC_SCENARIO_DIR = before;
  }
}

const scaffold = (from: string, id: string, ...more: string[]) => run('scenarioNew.ts', ['--from', from, '--id', id, ...more]);
const read = (id: string) => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { id: string; era: number; title: { en: string }; history: { entries: unknown[] } };

describe('npm run scenario:new with an own era already in scenarios/', () => {
  it('writes into scenarios/ (the copy) by default', () => {
    const r = scaffold('era4-after2022', 'era5-blacksea');
    expect(r.code, r.err).toBe(0);
    expect(read('era5-blacksea')).toMatchObject({ id: 'era5-blacksea', era: 5 });
    expect(existsSync(join(root, 'scenarios/era5-blacksea.json'))).toBe(false);
  });

  it("asks for --force to replace the author's own file, and replaces it with --force, instead of calling it shipped", () => {
    expect(scaffold('era4-after2022', 'era5-blacksea').code).toBe(0);
    const edited = { ...read('era5-blacksea'), title: { en: 'Black Sea', fr: 'Mer Noire' } };
    writeFileSync(join(dir, 'era5-blacksea.json'), JSON.stringify(edited));

    const again = scaffold('era3-global', 'era5-blacksea');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/era5-blacksea\.json exists already \(add --force to overwrite it\)/);
    expect(again.err).not.toMatch(/ships with the game/);
    expect(read('era5-blacksea').title.en).toBe('Black Sea');
    noStack(again.err);

    const forced = scaffold('era3-global', 'era5-blacksea', '--force');
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    expect(read('era5-blacksea')).toMatchObject({ id: 'era5-blacksea', era: 5, history: { entries: [] } });
    expect(read('era5-blacksea').title.en).toMatch(/^Global reach.*\(custom era: edit me\)$/);
  });

  it('still refuses the id of a shipped era', () => {
    expect(scaffold('era4-after2022', 'era5-blacksea').code).toBe(0);
    const r = scaffold('era5-blacksea', 'era4-after2022', '--force');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--id "era4-after2022" is the id of an era that ships with the game');
  });

  it('lists the shipped eras apart from the own ones when --from is missing or unknown', () => {
    expect(scaffold('era4-after2022', 'era5-blacksea').code).toBe(0);
    for (const args of [['--id', 'era6-arctic'], ['--from', 'era9-nowhere', '--id', 'era6-arctic']]) {
      const r = run('scenarioNew.ts', args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`a shipped era: ${SHIPPED.join(', ')}; or one of your own in scenarios/: era5-blacksea`);
      noStack(r.err);
    }
  });

  it('numbers a second own era after the shipped eras, not after the first own one, and scaffolds from an own era', () => {
    expect(scaffold('era4-after2022', 'era5-blacksea').code).toBe(0);
    const second = scaffold('era5-blacksea', 'era5-arctic');
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/\(era 5, from era5-blacksea\)/);
    // One "edit me" mark, not one per scaffold.
    expect(read('era5-arctic').title.en.match(/custom era: edit me/g)).toHaveLength(1);
    expect(scaffold('era4-after2022', 'era7-pacific', '--era', '7').code).toBe(0);
    expect(read('era7-pacific').era).toBe(7);
  });
});

describe('npm run scenario:check with an own era', () => {
  it('passes a copy of the own era kept outside scenarios/ instead of refusing it as shipped', () => {
    expect(scaffold('era4-after2022', 'era5-blacksea').code).toBe(0);
    const drafts = mkdtempSync(join(tmpdir(), 'coopsec-drafts-'));
    copyFileSync(join(dir, 'era5-blacksea.json'), join(drafts, 'era5-blacksea.json'));
    const r = run('scenarioCheck.ts', [join(drafts, 'era5-blacksea.json')]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/ships with the game/);
    expect(r.out).toMatch(/^ok {2}era5-blacksea\.json .*\(your own era: not in the campaign\)$/m);
  });

  it('checks scenarios/ with the own era marked as the author\'s and the shipped ones not', () => {
    expect(scaffold('era4-after2022', 'era5-blacksea').code).toBe(0);
    const r = run('scenarioCheck.ts', []);
    expect(r.code, r.err).toBe(0);
    const ok = r.out.split('\n').filter((l) => l.startsWith('ok '));
    expect(ok).toHaveLength(5);
    for (const line of ok) expect(line.includes('your own era'), line).toBe(line.includes('era5-blacksea'));
  });

  it('still refuses a file outside scenarios/ taking a shipped era\'s id', () => {
    const drafts = mkdtempSync(join(tmpdir(), 'coopsec-drafts-'));
    copyFileSync(join(dir, 'era2-stability.json'), join(drafts, 'mine.json'));
    const r = run('scenarioCheck.ts', [join(drafts, 'mine.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the id "era2-stability" is the id of an era that ships with the game');
  });
});
