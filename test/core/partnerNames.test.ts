/**
 * Partner names over time (README.md, "Partner names over time"): the name in effect in
 * a year, the checks on `formerNames`, and the shipped eras' renamings (Macedonia (FYROM)
 * became North Macedonia when the Prespa agreement took effect, February 2019).
 */
import { describe, expect, it } from 'vitest';
import { partnerNameIn, partnerNameOver, partnerNameTextIn, validateScenario, type Scenario } from '../../src/core/scenario';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import { miniScenarioInput, problemsAfter } from '../support/builder';

const eras = Object.fromEntries(
  scenarioFiles().map((f) => {
    const r = loadScenarioFile(f);
    if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.problems)}`);
    return [r.scenario.id, r.scenario] as const;
  }),
);
const era3 = eras['era3-global'];

describe('partnerNameIn: the name in effect in a year', () => {
  it('gives the former name before the change year and the new one from it on, in both languages', () => {
    expect(partnerNameIn(era3, 'MKD', 2011, 'en')).toBe('Macedonia (FYROM)');
    expect(partnerNameIn(era3, 'MKD', 2018, 'en')).toBe('Macedonia (FYROM)');
    expect(partnerNameIn(era3, 'MKD', 2019, 'en')).toBe('North Macedonia');
    expect(partnerNameIn(era3, 'MKD', 2021, 'en')).toBe('North Macedonia');
    expect(partnerNameIn(era3, 'MKD', 2018, 'fr')).toBe('Macédoine (ERYM)');
    expect(partnerNameIn(era3, 'MKD', 2019, 'fr')).toBe('Macédoine du Nord');
  });

  it('gives a partner without former names its one name in every year, and an unknown id itself', () => {
    for (const year of [2011, 2019, 2021]) expect(partnerNameIn(era3, 'GEO', year, 'fr')).toBe('Géorgie');
    expect(partnerNameIn(era3, 'XYZ', 2015, 'en')).toBe('XYZ');
  });

  it('walks several former names oldest first', () => {
    const p = {
      name: { en: 'C', fr: 'C-fr' },
      formerNames: [
        { until: 2005, name: { en: 'A', fr: 'A-fr' }, source: 'https://example.org' },
        { until: 2010, name: { en: 'B', fr: 'B-fr' }, source: 'https://example.org' },
      ],
    };
    expect([2004, 2005, 2009, 2010].map((y) => partnerNameTextIn(p, y).en)).toEqual(['A', 'B', 'B', 'C']);
  });

  it('names a partner over a span with the former name when it changed within the span', () => {
    expect(partnerNameOver(era3, 'MKD', 2011, 2021, 'en')).toBe('North Macedonia, called Macedonia (FYROM) before 2019');
    expect(partnerNameOver(era3, 'MKD', 2011, 2021, 'fr')).toBe('Macédoine du Nord, appelée Macédoine (ERYM) avant 2019');
    expect(partnerNameOver(era3, 'MKD', 2011, 2014, 'en')).toBe('Macedonia (FYROM)');
    expect(partnerNameOver(era3, 'MKD', 2019, 2021, 'en')).toBe('North Macedonia');
    expect(partnerNameOver(era3, 'GEO', 2011, 2021, 'en')).toBe('Georgia');
  });
});

describe('the shipped eras name each partner as it was called in each year', () => {
  it('era 3 calls MKD Macedonia (FYROM), as eras 1 and 2 do, until the 2019 renaming, with a source', () => {
    const mkd = era3.partners.find((p) => p.id === 'MKD')!;
    expect(mkd.formerNames).toEqual([{ until: 2019, name: eras['era2-stability'].partners.find((p) => p.id === 'MKD')!.name, source: expect.stringMatching(/^https:\/\//) }]);
  });

  it('no event, inject, brief or history line says "North Macedonia" of a year before 2019', () => {
    const early = (y: number | undefined) => y !== undefined && y < 2019;
    const texts = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(texts) : v && typeof v === 'object' ? Object.values(v).flatMap(texts) : []);
    const dated = [
      ...era3.events.filter((e) => early(e.year ?? e.to)).map((e) => ({ ...e, id: 'x' })),
      ...era3.injects.filter((i) => early(i.year)),
      ...era3.history.entries.filter((h) => early(h.year)),
      era3.allies, // the capitals' briefs are read from the era's first year
      era3.context,
      era3.goal,
    ];
    expect(texts(dated).filter((t) => /North Macedonia|Macédoine du Nord/.test(t))).toEqual([]);
  });
});

describe('formerNames is checked, naming the partner', () => {
  const broken = problemsAfter;
  const former = (until: number, en = 'Old', fr = 'Ancien') => ({ until, name: { en, fr }, source: 'https://www.nato.int/x' });

  it('accepts a former name that gives way within the era', () => {
    const r = validateScenario({ ...miniScenarioInput(), partners: miniScenarioInput().partners.map((p, i) => (i === 0 ? { ...p, formerNames: [former(2002)] } : p)) });
    expect(r.ok, JSON.stringify(r.ok ? [] : r.problems)).toBe(true);
    expect(partnerNameIn(r.ok ? r.scenario : ({ partners: [] } as unknown as Scenario), miniScenarioInput().partners[0].id, 2001, 'en')).toBe('Old');
  });

  it.each([
    ['a change year after the era', [former(2004)], '$.partners[0].formerNames[0].until', /POL's former name ends in 2004.*\(2001–2003\)/, /POL prend fin en 2004/],
    ['a change year at the era start (never in effect)', [former(2000)], '$.partners[0].formerNames[0].until', /POL's former name ends in 2000/, /ancien nom de POL/],
    ['former names out of order', [former(2003, 'B', 'B'), former(2002)], '$.partners[0].formerNames[1].until', /POL's former names must be oldest first.*2002 comes after 2003/, /du plus ancien au plus récent/],
    ['a former name equal to the current one', [former(2002, 'POL', 'POL (fr)')], '$.partners[0].formerNames[0].name', /POL's former name "POL" is the same/, /identique/],
  ])('refuses %s', (_what, formerNames, path, en, fr) => {
    const problems = broken((s) => Object.assign(s.partners[0], { formerNames }));
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message).toMatch(en);
    expect(problem!.fr).toMatch(fr);
  });

  it('refuses a former name without its French text or with a year outside the calendar', () => {
    const problems = broken((s) => Object.assign(s.partners[0], { formerNames: [{ until: 1900, name: { en: 'Old' }, source: 'https://www.nato.int/x' }] }));
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.partners[0].formerNames[0].until', '$.partners[0].formerNames[0].name.fr']));
  });
});
