/**
 * A player's own scenario file in the browser's catalogue (catalogue.ts, scenarioFiles.ts):
 * a fifth era made from era 4 as `npm run scenario:new` makes it opens, plays as a single era
 * (never in the campaign), is kept for the next visit and can be removed; a broken one is
 * refused with its file name and JSON path (or line and column) in English and French; a
 * shipped era's id, an oversize file, a file that is not .json and an unreadable one are
 * refused with a reason, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { ScenarioCatalogue, CUSTOM_FILE_LIMIT, browserScenarioStore, CUSTOM_SCENARIOS_KEY, type CustomScenarioStore, type StoredScenario } from '../../src/game/catalogue';
import { openScenarioFile } from '../../src/game/scenarioFiles';
import { createFlowMachine } from '../../src/flow/machine';
import { scenarioFiles } from '../../src/cli/files';

const files: Record<string, unknown> = Object.fromEntries(
  scenarioFiles().map((f) => [f.replace(/^.*\//, '').replace(/\.json$/, ''), JSON.parse(readFileSync(f, 'utf8'))]),
);

/** Era 4 turned into a fifth era the way scenario:new does it (id, era number, empty history). */
function fifthEra(): Record<string, unknown> {
  const data = structuredClone(files['era4-after2022']) as Record<string, unknown> & { title: { en: string; fr: string } };
  data.id = 'era5-blacksea';
  data.era = 5;
  data.title = { en: 'Black Sea 2026–2030', fr: 'Mer Noire 2026-2030' };
  data.history = { entries: [] };
  return data;
}

function memoryStore(initial: StoredScenario[] = [], writable = true): CustomScenarioStore & { saved: StoredScenario[] } {
  const store = {
    saved: initial,
    list: () => store.saved.map((e) => ({ ...e })),
    save: (entries: StoredScenario[]) => {
      if (!writable) return false;
      store.saved = entries.map((e) => ({ ...e }));
      return true;
    },
  };
  return store;
}

describe('a player’s own scenario file', () => {
  it('opens a valid fifth era, plays it as a single era but not in the campaign, and keeps it', () => {
    const store = memoryStore();
    const catalogue = new ScenarioCatalogue(files, store);
    const result = catalogue.openCustom('era5-blacksea.json', JSON.stringify(fifthEra(), null, 2));
    expect(result).toMatchObject({ ok: true, replaced: false, kept: true });
    expect(catalogue.scenarios['era5-blacksea'].era).toBe(5);
    expect(catalogue.campaign).not.toContain('era5-blacksea');
    expect(catalogue.headings.map((h) => h.id)).not.toContain('era5-blacksea');
    expect(catalogue.customHeadings).toEqual([{ id: 'era5-blacksea', era: 5, title: { en: 'Black Sea 2026–2030', fr: 'Mer Noire 2026-2030' }, start: 2022, end: 2030, file: 'era5-blacksea.json', broken: false }]);
    expect(store.saved).toHaveLength(1);
    expect(JSON.parse(store.saved[0].text)).toEqual(fifthEra());

    const actor = createActor(createFlowMachine(catalogue)).start();
    actor.send({ type: 'game.start', scenarioId: 'era5-blacksea', mode: 'single', seed: 4 });
    expect(actor.getSnapshot().context.scenarioId).toBe('era5-blacksea');
  });

  it('is there again on the next visit (a new catalogue on the same store), validated with the shipped eras', () => {
    const store = memoryStore();
    new ScenarioCatalogue(files, store).openCustom('era5-blacksea.json', JSON.stringify(fifthEra()));
    const next = new ScenarioCatalogue(files, store);
    expect(next.customHeadings.map((h) => [h.id, h.file, h.broken])).toEqual([['era5-blacksea', 'era5-blacksea.json', false]]);
    expect(next.settled).toBe(false);
    expect(next.scenarios['era5-blacksea'].id).toBe('era5-blacksea');
    expect(next.problems).toEqual([]);
  });

  it('replaces the kept version when opened again, and is gone once removed', () => {
    const store = memoryStore();
    const catalogue = new ScenarioCatalogue(files, store);
    catalogue.openCustom('era5-blacksea.json', JSON.stringify(fifthEra()));
    const changed = fifthEra();
    (changed.title as { en: string }).en = 'Black Sea, second draft';
    expect(catalogue.openCustom('era5-v2.json', JSON.stringify(changed))).toMatchObject({ ok: true, replaced: true });
    expect(catalogue.customHeadings.map((h) => [h.file, h.title.en])).toEqual([['era5-v2.json', 'Black Sea, second draft']]);
    expect(store.saved).toHaveLength(1);
    expect(catalogue.removeCustom('era5-blacksea')).toBe(true);
    expect(catalogue.scenarios['era5-blacksea']).toBeUndefined();
    expect(catalogue.customHeadings).toEqual([]);
    expect(store.saved).toEqual([]);
    expect(catalogue.removeCustom('era5-blacksea')).toBe(false);
    expect(catalogue.removeCustom('era1-enlargement')).toBe(false);
    expect(catalogue.scenarios['era1-enlargement']).toBeDefined();
  });

  it('names the file and each JSON path of a schema problem, in English and French', () => {
    const data = fifthEra() as { partners: { trust: unknown }[]; objectives: unknown[] };
    data.partners[2].trust = 'high';
    data.objectives = [];
    const catalogue = new ScenarioCatalogue(files, memoryStore());
    const result = catalogue.openCustom('broken-era.json', JSON.stringify(data));
    if (result.ok) throw new Error('opened');
    const en = result.problems.map((p) => p.en);
    expect(en).toContainEqual(expect.stringMatching(/^broken-era\.json \$\.partners\[2\]\.trust: .*expected number/));
    expect(en).toContainEqual(expect.stringMatching(/^broken-era\.json \$\.objectives: /));
    expect(result.problems.map((p) => p.fr)).toContainEqual(expect.stringMatching(/^broken-era\.json \$\.partners\[2\]\.trust : .*nombre attendu/));
    expect(catalogue.scenarios['broken-era']).toBeUndefined();
    expect(catalogue.customHeadings).toEqual([]);
  });

  it('names the line and column of a JSON syntax error', () => {
    const result = new ScenarioCatalogue(files, memoryStore()).openCustom('typo.json', '{\n  "id": "era5-x",\n  oops\n}');
    if (result.ok) throw new Error('opened');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].en).toMatch(/^typo\.json line 3, column \d+: not valid JSON: /);
    expect(result.problems[0].fr).toMatch(/^typo\.json : ligne 3, colonne \d+ : JSON non valide/);
  });

  it('refuses a shipped era’s id, naming the command that makes a new one', () => {
    const result = new ScenarioCatalogue(files, memoryStore()).openCustom('era4-copy.json', JSON.stringify(files['era4-after2022']));
    if (result.ok) throw new Error('opened');
    expect(result.problems[0].en).toMatch(/^era4-copy\.json id: "era4-after2022" is the id of an era that ships with the game; .*scenario:new -- --from era4-after2022 --id <new-id>/);
  });

  it('says in one line which other of the game’s files it was given (the campaign, an MSEL, a plan, a record, a save, a report), EN/FR', () => {
    const catalogue = new ScenarioCatalogue(files, memoryStore());
    const cases: [string, unknown, RegExp, RegExp][] = [
      ['campaign.json', JSON.parse(readFileSync('scenarios/campaign.json', 'utf8')), /^campaign\.json: this is the campaign’s list of eras/, /^campaign\.json\u00a0: c’est la liste des époques/],
      ['msel.json', { scenario: 'era4-after2022', injects: [] }, /^msel\.json: this is a master events list \(MSEL\)/, /^msel\.json\u00a0: c’est une liste principale des incidents/],
      ['plan.json', { seats: { nato: { held: true } }, moves: [] }, /^plan\.json: this is an exercise plan/, /^plan\.json\u00a0: c’est un plan d’exercice/],
      ['exercise.json', { format: 'coopsec-exercise', version: 1, setup: {}, log: [] }, /^exercise\.json: this is an exercise record/, /^exercise\.json\u00a0: c’est l’enregistrement d’un exercice/],
      ['save.json', { format: 'coopsec-save', version: 1 }, /^save\.json: this is a saved game/, /^save\.json\u00a0: c’est une partie sauvegardée/],
      ['aar.json', { format: 'coopsec-aar' }, /^aar\.json: this is an after-action report/, /^aar\.json\u00a0: c’est un rapport après action/],
    ];
    for (const [name, data, en, fr] of cases) {
      const result = catalogue.openCustom(name, JSON.stringify(data));
      if (result.ok) throw new Error(`${name} opened`);
      expect(result.problems, name).toHaveLength(1);
      expect(result.problems[0].en, name).toMatch(en);
      expect(result.problems[0].fr, name).toMatch(fr);
    }
    // A broken era is still said problem by problem.
    const broken = catalogue.openCustom('era5.json', JSON.stringify({ ...(files['era4-after2022'] as object), id: 'era5-x', partners: 'none' }));
    expect(!broken.ok && broken.problems[0].en).toMatch(/^era5\.json \$\.partners/);
  });

  it('refuses a file larger than the limit before parsing it', () => {
    const result = new ScenarioCatalogue(files, memoryStore()).openCustom('huge.json', ' '.repeat(CUSTOM_FILE_LIMIT + 1));
    expect(result).toMatchObject({ ok: false, problems: [{ en: expect.stringMatching(/^huge\.json: the file is larger than 2 MB/) }] });
  });

  it('plays for this visit when the browser will not keep it', () => {
    const catalogue = new ScenarioCatalogue(files, memoryStore([], false));
    expect(catalogue.openCustom('era5-blacksea.json', JSON.stringify(fifthEra()))).toMatchObject({ ok: true, kept: false });
    expect(catalogue.scenarios['era5-blacksea']).toBeDefined();
  });

  it('lists a kept file that no longer validates as broken, named by its file, and plays the others', () => {
    const bad = fifthEra() as { partners: unknown[] };
    bad.partners = [];
    const store = memoryStore([{ id: 'era5-blacksea', file: 'my-era.json', text: JSON.stringify(bad), added: '2026-12-01T00:00:00.000Z' }]);
    const catalogue = new ScenarioCatalogue(files, store);
    expect(catalogue.campaign).toHaveLength(4);
    expect(catalogue.customHeadings).toMatchObject([{ id: 'era5-blacksea', file: 'my-era.json', broken: true }]);
    expect(catalogue.problems.map((p) => p.en).join('\n')).toMatch(/^my-era\.json \$\.partners: /m);
    expect(catalogue.scenarios['era5-blacksea']).toBeUndefined();
  });

  it('ignores a kept entry with a shipped era’s id and unreadable storage', () => {
    const store = memoryStore([{ id: 'era1-enlargement', file: 'x.json', text: '{}', added: 'x' }]);
    const catalogue = new ScenarioCatalogue(files, store);
    expect(catalogue.customHeadings).toEqual([]);
    expect(catalogue.problems).toEqual([]);
    const storage = { getItem: () => 'not json', setItem: () => undefined, removeItem: () => undefined } as unknown as Storage;
    expect(browserScenarioStore(storage).list()).toEqual([]);
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined } as unknown as Storage;
    expect(browserScenarioStore(full).save([{ id: 'a', file: 'a.json', text: '{}', added: 'x' }])).toBe(false);
    const map = new Map<string, string>();
    const real = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) } as unknown as Storage;
    const entry = { id: 'a', file: 'a.json', text: '{}', added: 'x' };
    expect(browserScenarioStore(real).save([entry])).toBe(true);
    expect(JSON.parse(map.get(CUSTOM_SCENARIOS_KEY)!)).toEqual([entry]);
    expect(browserScenarioStore(real).list()).toEqual([entry]);
    expect(browserScenarioStore(real).save([])).toBe(true);
    expect(map.has(CUSTOM_SCENARIOS_KEY)).toBe(false);
  });
});

describe('an author’s era placed in scenarios/ beside the campaign’s (npm run scenario:new writes it there)', () => {
  // The build finds every scenarios/era*.json: the author's file is built in with the shipped eras.
  const built = { ...files, 'era5-blacksea': fifthEra() };

  it('is playable as a single era and in an exercise, never in the campaign', () => {
    const catalogue = new ScenarioCatalogue(built, memoryStore());
    expect(catalogue.headings.map((h) => h.id)).toEqual(['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022']);
    expect(catalogue.besideHeadings).toEqual([{ id: 'era5-blacksea', era: 5, title: { en: 'Black Sea 2026–2030', fr: 'Mer Noire 2026-2030' }, start: 2022, end: 2030 }]);
    expect(catalogue.campaign).not.toContain('era5-blacksea');
    expect(catalogue.isCustom('era5-blacksea')).toBe(false);
    const actor = createActor(createFlowMachine(catalogue)).start();
    actor.send({ type: 'game.start', scenarioId: 'era5-blacksea', mode: 'single', seed: 4 });
    expect(actor.getSnapshot().context.scenarioId).toBe('era5-blacksea');
  });

  it('points the same file opened on the title screen to it, in English and French; a shipped era keeps its own refusal', () => {
    const catalogue = new ScenarioCatalogue(built, memoryStore());
    const again = catalogue.openCustom('era5-blacksea.json', JSON.stringify(fifthEra()));
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.problems[0].en).toContain('is built into this game from scenarios/era5-blacksea.json');
      expect(again.problems[0].fr).toContain('fait partie de ce jeu depuis scenarios/era5-blacksea.json');
    }
    const shipped = catalogue.openCustom('x.json', JSON.stringify(files['era1-enlargement']));
    expect(!shipped.ok && shipped.problems[0].en).toContain('ships with the game');
  });

  it('is the version played when a copy with its id was kept from an earlier visit, and is left out once it is broken', () => {
    const catalogue = new ScenarioCatalogue(built, memoryStore([{ id: 'era5-blacksea', file: 'old.json', text: JSON.stringify({ ...fifthEra(), title: { en: 'Old copy', fr: 'Vieille copie' } }), added: 'x' }]));
    expect(catalogue.customHeadings).toEqual([]);
    expect(catalogue.scenarios['era5-blacksea'].title.en).toBe('Black Sea 2026–2030');
    const brokenFifth = { ...fifthEra(), partners: 'none' };
    const withBroken = new ScenarioCatalogue({ ...files, 'era5-blacksea': brokenFifth }, memoryStore());
    expect(withBroken.scenarios['era5-blacksea']).toBeUndefined();
    expect(withBroken.besideHeadings).toEqual([]);
    expect(withBroken.problems.map((p) => p.en).join('\n')).toContain('era5-blacksea.json');
  });
});

describe('openScenarioFile', () => {
  const catalogue = () => new ScenarioCatalogue(files, memoryStore());
  const file = (name: string, text: string | Error) => ({ name, size: 10, text: () => (text instanceof Error ? Promise.reject(text) : Promise.resolve(text)) });

  it('opens a .json file through the catalogue', async () => {
    const c = catalogue();
    await expect(openScenarioFile(c, file('Era5.JSON', JSON.stringify(fifthEra())))).resolves.toMatchObject({ ok: true });
    expect(c.scenarios['era5-blacksea']).toBeDefined();
  });

  it('refuses a file that is not .json, and one that cannot be read', async () => {
    await expect(openScenarioFile(catalogue(), file('era5.txt', '{}'))).resolves.toEqual({ ok: false, reason: 'notJson' });
    await expect(openScenarioFile(catalogue(), file('era5.json', new Error('gone')))).resolves.toEqual({ ok: false, reason: 'read' });
  });
});
