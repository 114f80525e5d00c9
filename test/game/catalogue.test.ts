/**
 * The browser's scenario catalogue: the title screen can show the eras from their
 * headings before any file is validated, anything that plays a scenario gets validated
 * ones only, and a broken file is reported and left out — found at once when a game
 * starts, or in the background after the title is up.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { ScenarioCatalogue, UnreadableFile } from '../../src/game/catalogue';
import { parseJsonText } from '../../src/core/load';
import { createFlowMachine } from '../../src/flow/machine';
import { scenarioFiles } from '../../src/cli/files';

const files: Record<string, unknown> = Object.fromEntries(
  scenarioFiles().map((f) => [f.replace(/^.*\//, '').replace(/\.json$/, ''), JSON.parse(readFileSync(f, 'utf8'))]),
);
const broken = (): Record<string, unknown> => {
  const era2 = structuredClone(files['era2-stability']) as { partners: { trust: unknown }[] };
  era2.partners[0].trust = 'high';
  return { ...files, 'era2-stability': era2 };
};

describe('the scenario catalogue', () => {
  it('lists the eras in campaign order from their headings, before validating anything', () => {
    const catalogue = new ScenarioCatalogue(files);
    expect(catalogue.settled).toBe(false);
    expect(catalogue.headings.map((h) => [h.id, h.era])).toEqual([
      ['era1-enlargement', 1],
      ['era2-stability', 2],
      ['era3-global', 3],
      ['era4-after2022', 4],
    ]);
    expect(catalogue.settled).toBe(false);
  });

  it('validates everything before handing out a scenario or the campaign', () => {
    const catalogue = new ScenarioCatalogue(broken());
    expect(catalogue.campaign).toEqual(['era1-enlargement', 'era3-global', 'era4-after2022']);
    expect(catalogue.settled).toBe(true);
    expect(Object.keys(catalogue.scenarios).sort()).toEqual(['era1-enlargement', 'era3-global', 'era4-after2022']);
    expect(catalogue.problems.map((p) => p.en).join('\n')).toMatch(/era2-stability\.json .*partners.*trust: .*expected number/);
    expect(catalogue.problems.map((p) => p.fr).join('\n')).toMatch(/era2-stability\.json .*partners.*trust : .*nombre attendu/);
    expect(catalogue.headings.map((h) => h.id)).not.toContain('era2-stability');
  });

  it('names a file that is not JSON with where parsing failed, in both languages, and plays the others', () => {
    const parsed = parseJsonText('{\n  "id": "era2-stability",\n  oops\n}');
    if (parsed.ok) throw new Error('parsed');
    const catalogue = new ScenarioCatalogue({ ...files, 'era2-stability': new UnreadableFile(parsed.problem) });
    expect(catalogue.campaign).toEqual(['era1-enlargement', 'era3-global', 'era4-after2022']);
    expect(catalogue.problems).toHaveLength(1);
    expect(catalogue.problems[0].en).toMatch(/^era2-stability\.json line 3, column \d+: not valid JSON: /);
    expect(catalogue.problems[0].fr).toMatch(/^era2-stability\.json : ligne 3, colonne \d+ : JSON non valide \(/);
  });

  it('finds a broken file in the background and tells the title screen', async () => {
    const catalogue = new ScenarioCatalogue(broken());
    let told = 0;
    catalogue.onProblems(() => told++);
    catalogue.settleWhenIdle();
    expect(catalogue.problems).toEqual([]);
    await expect.poll(() => catalogue.settled).toBe(true);
    expect(told).toBe(1);
    expect(catalogue.problems.length).toBeGreaterThan(0);
  });

  it('knows the campaign\'s first era even when its file is broken', () => {
    const catalogue = new ScenarioCatalogue({ ...files, 'era1-enlargement': { id: 'era1-enlargement' } });
    expect(catalogue.firstEra).toBe('era1-enlargement');
    expect(catalogue.headings.map((h) => h.id)).not.toContain('era1-enlargement');
  });

  it('reports a file that could not be fetched', () => {
    const catalogue = new ScenarioCatalogue({ ...files, 'era3-global': undefined });
    expect(catalogue.campaign).not.toContain('era3-global');
    expect(catalogue.problems).toContainEqual({ en: 'scenarios/era3-global.json could not be loaded', fr: "scenarios/era3-global.json n’a pas pu être chargé" });
  });

  it('lets the flow start only scenarios that passed validation', () => {
    const actor = createActor(createFlowMachine(new ScenarioCatalogue(broken()))).start();
    for (const scenarioId of ['era2-stability', 'toString', 'atlantis']) {
      expect(actor.getSnapshot().can({ type: 'game.start', scenarioId })).toBe(false);
    }
    actor.send({ type: 'game.start', scenarioId: 'era3-global', seed: 3 });
    expect(actor.getSnapshot().context.scenarioId).toBe('era3-global');
  });

  it('cannot start a campaign when no era is valid', () => {
    const none = Object.fromEntries(Object.keys(files).map((k) => [k, undefined]));
    const actor = createActor(createFlowMachine(new ScenarioCatalogue(none))).start();
    expect(actor.getSnapshot().can({ type: 'game.start', scenarioId: 'campaign' })).toBe(false);
  });
});
