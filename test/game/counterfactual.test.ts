/**
 * Where a scenario stops being history (src/game/counterfactual.ts): era 4's
 * `counterfactualFrom` (2026) makes its later years counterfactual and no year of the other
 * eras; the data's hypothetical events and injects are recognised in both languages and the
 * historical ones never are; the labels the briefing, event card and debrief show exist in
 * English and French and name the year.
 */
import { describe, expect, it } from 'vitest';
import { counterfactualFrom, isCounterfactualYear, isHypothetical, notHistory } from '../../src/game/counterfactual';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import { initI18n, setLanguage, t } from '../../src/i18n';
import { tr } from '../../src/game/board/text';
import type { Scenario } from '../../src/core/scenario';

const eras = Object.fromEntries(scenarioFiles().map((f) => {
  const s = (loadScenarioFile(f) as { scenario: Scenario }).scenario;
  return [s.id, s];
}));
const era4 = eras['era4-after2022'];
const text = (en: string, fr: string) => ({ en, fr });

describe('counterfactual years', () => {
  it('start at era 4’s counterfactualFrom (2026) and nowhere in eras 1–3', () => {
    expect(era4.counterfactualFrom).toBe(2026);
    expect(counterfactualFrom(era4)).toBe(2026);
    expect(isCounterfactualYear(era4, 2025)).toBe(false);
    expect(isCounterfactualYear(era4, 2026)).toBe(true);
    expect(isCounterfactualYear(era4, 2030)).toBe(true);
    for (const id of ['era1-enlargement', 'era2-stability', 'era3-global']) {
      expect(counterfactualFrom(eras[id])).toBeNull();
      for (let y = eras[id].start; y <= eras[id].end; y++) expect(isCounterfactualYear(eras[id], y)).toBe(false);
    }
  });

  it('are none when counterfactualFrom lies after the era’s end', () => {
    expect(counterfactualFrom({ counterfactualFrom: 2031, end: 2030 })).toBeNull();
    expect(isCounterfactualYear({ counterfactualFrom: 2031, end: 2030 }, 2030)).toBe(false);
  });
});

describe('hypothetical cards', () => {
  it('are recognised by the title or the text, in English or French', () => {
    expect(isHypothetical({ title: text('Hypothetical: a ceasefire', 'x'), text: text('y', 'z') })).toBe(true);
    expect(isHypothetical({ title: text('A', 'B'), text: text('Hypothetical scenario: fighting stops', 'x') })).toBe(true);
    expect(isHypothetical({ title: text('A', 'Hypothèse : un cessez-le-feu'), text: text('b', 'c') })).toBe(true);
    expect(isHypothetical({ title: text('A', 'B'), text: text('b', 'Scénario hypothétique : les combats cessent') })).toBe(true);
    expect(isHypothetical({ title: text('Finland joins NATO', 'La Finlande rejoint l’OTAN'), text: text('A hypothetical question', 'Une hypothèse') })).toBe(false);
  });

  it('include era 4’s five cf-* events and none of the historical events of any era', () => {
    const cf = era4.events.filter((e) => e.id.startsWith('cf-'));
    expect(cf).toHaveLength(5);
    for (const e of cf) expect(isHypothetical(e), e.id).toBe(true);
    for (const s of Object.values(eras)) for (const e of s.events.filter((x) => x.kind === 'historical')) expect(isHypothetical(e), `${s.id} ${e.id}`).toBe(false);
    // Every era's MSEL carries hypothetical injects, flagged so.
    for (const s of Object.values(eras)) expect(s.injects.filter(isHypothetical).length, s.id).toBeGreaterThan(0);
  });

  it('are labelled by their year first: a flagged card of 2027 is a counterfactual year, one of 2024 hypothetical, a real one of 2024 neither', () => {
    const flagged = era4.events.find((e) => e.id === 'cf-ceasefire')!;
    const real = era4.events.find((e) => e.id === 'washington-2024')!;
    expect(notHistory(era4, flagged, 2027)).toBe('counterfactualYear');
    expect(notHistory(era4, flagged, 2024)).toBe('hypothetical');
    expect(notHistory(era4, real, 2024)).toBeNull();
    expect(notHistory(era4, real, 2026)).toBe('counterfactualYear');
  });
});

describe('the labels', () => {
  it('exist in English and French and name the year', async () => {
    await initI18n();
    const seen: string[] = [];
    for (const lang of ['en', 'fr'] as const) {
      setLanguage(lang);
      const labels = [
        t('shell.era.notHistory', { from: 2026 }),
        t('shell.era.notHistoryText', { from: 2026, end: 2030 }),
        tr('debrief.notHistory', { from: 2026 }),
        tr('eventCard.notHistoryNote.counterfactualYear', { from: 2026, year: 2028 }),
      ];
      for (const l of labels) expect(l).toMatch(/2026/);
      expect(labels[3]).toMatch(/2028/);
      for (const kind of ['counterfactualYear', 'hypothetical'] as const) seen.push(tr(`eventCard.notHistory.${kind}`));
      seen.push(labels[0], tr('debrief.noHistory'), t('shell.era.research'));
    }
    expect(new Set(seen).size).toBe(seen.length);
    setLanguage('en');
    expect(t('shell.era.notHistory', { from: 2026 })).toBe('Counterfactual from 2026: not history');
    setLanguage('fr');
    expect(t('shell.era.notHistory', { from: 2026 })).toMatch(/^Contrefactuel à partir de 2026/);
    setLanguage('en');
  });
});
