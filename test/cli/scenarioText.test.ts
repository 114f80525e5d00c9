/**
 * A scenario's player-facing texts must hold words in both languages: `scenario:check`
 * refuses an empty text and one of spaces only (players would see a blank line in
 * French), saying by JSON path which text and that it must not be empty, and the French
 * message says so in French. The shipped eras still pass.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateScenario } from '../../src/core/scenario';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const check = (file: string) => {
  const r = spawnSync(tsx, [join(root, 'src/cli/scenarioCheck.ts'), file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const era4 = () => {
  const data = JSON.parse(readFileSync(join(root, 'scenarios/era4-after2022.json'), 'utf8')) as { id: string; goal: { en: string; fr: string }; events: { title: { en: string; fr: string } }[] };
  data.id = 'qa-texts';
  return data;
};

describe('localized texts', () => {
  it('scenario:check refuses an empty and a blank text, each by its path, "must not be empty"', () => {
    const data = era4();
    data.goal.fr = '   ';
    data.events[0].title.fr = '';
    data.events[1].title.en = '\t\n';
    const file = join(mkdtempSync(join(tmpdir(), 'coopsec-texts-')), 'qa-texts.json');
    writeFileSync(file, JSON.stringify(data));
    const r = check(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}: 3 problems`);
    expect(r.err).toContain('  $.goal.fr: French text must not be empty');
    expect(r.err).toContain('  $.events[0].title.fr: French text must not be empty');
    expect(r.err).toContain('  $.events[1].title.en: English text must not be empty');
    const result = validateScenario(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.find((p) => p.path === '$.goal.fr')?.fr).toBe('le texte français ne doit pas être vide');
  });

  it('a text with words around spaces passes, and the shipped eras still pass', () => {
    const data = era4();
    data.goal.fr = '  Tenir.  ';
    expect(validateScenario(data).ok).toBe(true);
    const all = check(join(root, 'scenarios/era4-after2022.json'));
    expect(all.code, all.err).toBe(0);
  });
});
