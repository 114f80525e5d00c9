/**
 * The glossary and the menu bundle (src/i18n/menu.*.ts, src/game/ui/glossary.ts): French
 * matches English key for key and is translated, every jargon term the issue names has an
 * entry, and an entry explains its term instead of repeating it.
 */
import { describe, expect, it } from 'vitest';
import { menuEn } from '../../src/i18n/menu.en';
import { menuFr } from '../../src/i18n/menu.fr';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { explain, GLOSSARY_TERMS, glossaryTerm } from '../../src/game/ui/glossary';
import { ALLIANCE_METRICS } from '../../src/core/constants';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('menu and glossary bundles', () => {
  const en = new Map(leaves(menuEn));
  const fr = new Map(leaves(menuFr));

  it('have the same keys in both languages, and French is translated', () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
    const same = [...en.keys()].filter((k) => en.get(k) === fr.get(k) && !/^menu\.open$|Short$|\.absorption\.term$|\.programme\.term$/.test(k));
    expect(same).toEqual([]);
  });

  it('has an entry for every metric and for the jargon the issue names', () => {
    for (const term of [...ALLIANCE_METRICS, 'influence', 'overlap', 'coherence', 'gapAnalysis', 'absorption', 'sayDo', 'pfp', 'map', 'md', 'ici', 'tiers']) {
      expect(GLOSSARY_TERMS, term).toContain(term);
    }
  });

  it.each(['en', 'fr'] as const)('explains each term rather than repeating it (%s)', (lang) => {
    initI18n(lang);
    setLanguage(lang);
    for (const id of GLOSSARY_TERMS) {
      const term = glossaryTerm(id);
      const text = explain(id).slice(term.length + 3);
      expect(text.length, id).toBeGreaterThan(40);
      expect(text.toLowerCase().startsWith(term.toLowerCase()), id).toBe(false);
    }
  });
});
