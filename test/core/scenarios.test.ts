/**
 * The shipped scenarios against the project's content rules (GAME.md §3, the engine issue),
 * and the validator against broken files: each problem named with its JSON path.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateScenario, scenarioJsonSchema, type Scenario } from '../../src/core/scenario';
import { parseScenarioText } from '../../src/core/load';
import { loadScenarioFile, scenarioFiles, SCENARIO_DIR } from '../../src/cli/files';
import { miniScenarioInput, problemsAfter } from '../support/builder';
import { SourceRegistrySchema, checkSources, classifyHost, sourcesJsonSchema } from '../../src/core/sources';

const eras = scenarioFiles().map((f) => {
  const r = loadScenarioFile(f);
  if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.problems)}`);
  return r.scenario;
});
const byId = Object.fromEntries(eras.map((s) => [s.id, s]));

describe('the four eras', () => {
  it('are all there, with the years of GAME.md §3', () => {
    expect(byId['era1-enlargement']).toMatchObject({ era: 1, start: 1994, end: 2004 });
    // One calendar: era 2 ends with Lisbon (2010) and era 3 starts in 2011, on one budget line.
    expect(byId['era2-stability']).toMatchObject({ era: 2, start: 2004, end: 2010 });
    expect(byId['era3-global'].budget.common['2011']).toBeGreaterThanOrEqual(byId['era2-stability'].budget.common['2010']);
    expect(byId['era3-global']).toMatchObject({ era: 3, start: 2011, end: 2021 });
    expect(byId['era4-after2022']).toMatchObject({ era: 4, start: 2022, end: 2030, counterfactualFrom: 2026 });
    const campaign = JSON.parse(readFileSync(join(SCENARIO_DIR, 'campaign.json'), 'utf8'));
    expect(campaign.eras).toEqual(['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022']);
  });

  it('hold at least 40 real partner countries between them', () => {
    const ids = new Set(eras.flatMap((s) => s.partners.map((p) => p.id)));
    expect(ids.size).toBeGreaterThanOrEqual(40);
  });

  it.each(eras.map((s) => [s.id, s] as [string, Scenario]))('%s has at least 12 events, mostly historical, each with a source', (_id, s) => {
    expect(s.events.length).toBeGreaterThanOrEqual(12);
    const historical = s.events.filter((e) => e.kind === 'historical');
    expect(historical.length * 2).toBeGreaterThan(s.events.length);
    for (const e of s.events) expect(e.source).toMatch(/^https?:\/\//);
  });

  it.each(eras.map((s) => [s.id, s] as [string, Scenario]))('%s has every player-facing text in English and French', (_id, s) => {
    const texts: { en: string; fr: string }[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.en === 'string' && typeof o.fr === 'string') texts.push(o as { en: string; fr: string });
        else Object.values(o).forEach(walk);
      }
    };
    walk(s);
    expect(texts.length).toBeGreaterThan(100);
    const untranslated = texts.filter((t) => t.en.length > 25 && t.en === t.fr);
    expect(untranslated).toEqual([]);
  });

  // The fact sheet sits beside the checkout (shared/); every source must come from it, or
  // from the era audits in docs/sources-audit/ that record a better source and why.
  const factSheet = join(SCENARIO_DIR, '../../shared/data/nato-facts.md');
  const auditDir = join(SCENARIO_DIR, '../docs/sources-audit');
  it.runIf(existsSync(factSheet))('cite only sources from the fact sheet or the sources audit', () => {
    const audits = existsSync(auditDir) ? readdirSync(auditDir).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(auditDir, f), 'utf8')) : [];
    const facts = [readFileSync(factSheet, 'utf8'), ...audits].join('\n');
    const missing = new Set<string>();
    const walk = (v: unknown, key = '') => {
      if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v && typeof v === 'object') Object.entries(v as Record<string, unknown>).forEach(([k, x]) => walk(x, k));
      else if (key === 'source' && typeof v === 'string' && !facts.includes(v)) missing.add(v);
    };
    eras.forEach((s) => walk(s));
    expect([...missing]).toEqual([]);
  });

  it('era 1 records history: 10 aspirants joined by 2004', () => {
    expect(byId['era1-enlargement'].history.readyAspirants).toBe(10);
  });

  it('scenarios/schema.json is the current JSON Schema of the zod schema', () => {
    const onDisk = JSON.parse(readFileSync(join(SCENARIO_DIR, 'schema.json'), 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
    for (const s of eras) expect(s.$schema).toBe('./schema.json');
  });
});

describe('broken scenarios get precise problems', () => {
  const broken = problemsAfter;
  const cases: [string, (s: ReturnType<typeof miniScenarioInput>) => void, string, RegExp][] = [
    ['a missing French text', (s) => ((s.title as { fr?: string }).fr = undefined), '$.title.fr', /string/],
    ['a share outside 1–2 %', (s) => (s.budget.share = 2.5), '$.budget.share', /2/],
    ['a bad ISO code', (s) => (s.partners[0].id = 'Poland'), '$.partners[0].id', /alpha-3/],
    ['an event naming an unknown partner', (s) => (s.events[0].partners = ['XYZ']), '$.events[0].partners[0]', /unknown partner "XYZ"/],
    ['an effect on an unknown programme', (s) => s.events[1].choices[0].effects!.push({ kind: 'programme', programme: 'nope', status: 'active' }), '$.events[1].choices[0].effects[1].programme', /unknown programme "nope"/],
    ['a duplicate partner id', (s) => s.partners.push({ ...s.partners[1] }), '$.partners', /duplicate partner id "UKR"/],
    ['an event year outside the era', (s) => (s.events[0].year = 1999), '$.events[0].year', /outside the era/],
    ['an inject after an unknown serial', (s) => (s.injects![1].after = { serial: 9, choice: 'b' }), '$.injects[1].after.serial', /unknown inject serial 9/],
    ['a missing budget year', (s) => delete s.budget.common['2002'], '$.budget.common', /no common-funded budget for 2002/],
    ['objective weights not adding to 1', (s) => (s.objectives[0].weight = 0.5), '$.objectives', /add up to 1/],
    ['a default choice that costs consensus', (s) => (s.events[0].choices[0].consensusCost = 5), '$.events[0].choices[0].consensusCost', /default/],
    ['an unknown field', (s) => ((s as Record<string, unknown>).colour = 'blue'), '$', /colour/],
    ['a member still in a framework after joining NATO', (s) => Object.assign(s.partners[0], { joinedNato: 2001, frameworks: [{ framework: 'pfp', from: 1994 }] }), '$.partners[0].frameworks[0].to', /joined NATO in 2001/],
    ['a member whose framework membership runs past its accession', (s) => Object.assign(s.partners[0], { joinedNato: 2001, frameworks: [{ framework: 'pfp', from: 1994, to: 2003 }] }), '$.partners[0].frameworks[0].to', /runs to 2003/],
    ['MAP membership before MAP exists', (s) => (s.partners[0].frameworks = [{ framework: 'map', from: 1996 }]), '$.partners[0].frameworks[0].from', /exists only from 1999/],
    ['a programme funding a member as a partner after accession', (s) => { s.partners[0].joinedNato = 2001; s.partners[0].frameworks = [{ framework: 'pfp', from: 1994, to: 2001 }]; s.programmes[0].from = 2002; s.programmes[0].eligible.partners = [s.partners[0].id]; }, '$.programmes[0].eligible.partners[0]', /cannot fund it as a partner/],
    ['a partner courted by its own country (Russia by the Russian competitor)', (s) => Object.assign(s.partners[1], { id: 'RUS', courtedBy: 'russia' }), '$.partners[1].courtedBy', /RUS is russia's own country/],
    ['a threshold on an objective that is not a count of aligned partners', (s) => ((s.objectives[0] as { threshold?: number }).threshold = 50), '$.objectives[0].threshold', /only to "alignedPartners"/],
  ];
  it.each(cases)('%s', (_name, patch, path, message) => {
    const problems = broken(patch);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.find((p) => p.path === path && message.test(p.message)), JSON.stringify(problems)).toBeDefined();
  });

  it.each(cases)('%s: is said in French too, for the title screen', (_name, patch, path) => {
    const problem = broken(patch).find((p) => p.path === path)!;
    expect(problem.fr).toBeTruthy();
    expect(problem.fr).not.toBe(problem.message);
  });

  it.each<[string, (s: ReturnType<typeof miniScenarioInput>) => void, string, RegExp]>([
    ['zod', (s) => ((s.partners[0] as { trust: unknown }).trust = 'high'), '$.partners[0].trust', /^Entrée invalide : nombre attendu/],
    ['a schema hint', (s) => (s.partners[0].id = 'Poland'), '$.partners[0].id', /^un code ISO 3166-1 alpha-3 tel que «\u00a0UKR\u00a0»$/],
    ['a cross-reference check', (s) => (s.events[0].partners = ['XYZ']), '$.events[0].partners[0]', /^partenaire inconnu «\u00a0XYZ\u00a0»$/],
    ['a figure', (s) => (s.objectives[0].weight = 0.5), '$.objectives', /ils font \d,\d{3}\)$/],
  ])('French words %s the French way', (_what, patch, path, fr) => {
    const problem = broken(patch).find((p) => p.path === path);
    expect(problem?.fr, JSON.stringify(problem)).toMatch(fr);
  });

  it('a fifth era validates, and a purely hypothetical era may have no history entries', () => {
    const input = miniScenarioInput();
    input.era = 5;
    input.history.entries = [];
    const r = validateScenario(input);
    expect(r.ok, JSON.stringify(r.ok ? [] : r.problems)).toBe(true);
  });

  it('a file that is not JSON says where parsing failed', () => {
    const r = parseScenarioText('{\n  "id": "x",\n  oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0].path).toMatch(/line 3/);
      expect(r.problems[0].message).toMatch(/not valid JSON/);
    }
  });
});

describe('the source registry (scenarios/sources.json)', () => {
  const registry = SourceRegistrySchema.parse(JSON.parse(readFileSync(join(SCENARIO_DIR, 'sources.json'), 'utf8')));
  const one = (source: string, at: 'events' | 'partners' = 'events') => ({ [at]: [{ id: 'x', source }] });

  it('is valid, its JSON Schema current, and no host both classed and denied', () => {
    expect(JSON.parse(readFileSync(join(SCENARIO_DIR, 'sources.schema.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(sourcesJsonSchema())));
    expect(registry.deny.filter((h) => h in registry.kinds)).toEqual([]);
    for (const h of ['sputniknews.com', 'dinargururv.com', 'en.wikipedia.org', 'docslib.org']) expect(classifyHost(registry, h)).toBe('denied');
    expect(classifyHost(registry, 'nato.int')).toBe('official');
    expect(classifyHost(registry, 'shape.nato.int')).toBe('official');
  });

  it('refuses a denied host, an unclassified host and a malformed URL, naming the JSON path and host', () => {
    expect(checkSources(registry, one('https://sputniknews.com/x'))).toMatchObject([{ level: 'error', path: '$.events[0].source', host: 'sputniknews.com', message: expect.stringMatching(/deny list/) }]);
    expect(checkSources(registry, one('https://www.unheard-of.example/x', 'partners'))).toMatchObject([{ level: 'error', path: '$.partners[0].source', host: 'unheard-of.example', message: expect.stringMatching(/not classified/) }]);
    expect(checkSources(registry, one('https://'))[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/malformed/) });
  });

  it('warns when an event rests on press sources only, not when an official source backs it', () => {
    expect(checkSources(registry, one('https://www.japantimes.co.jp/x'))).toMatchObject([{ level: 'warning', path: '$.events[0]' }]);
    expect(checkSources(registry, one('https://www.nato.int/x'))).toEqual([]);
    expect(checkSources(registry, one('https://www.japantimes.co.jp/x', 'partners'))).toEqual([]);
  });

  it.each(['era1-enlargement', 'era2-stability'])('%s cites no denied or unclassified host', (id) => {
    const raw = JSON.parse(readFileSync(join(SCENARIO_DIR, `${id}.json`), 'utf8'));
    expect(checkSources(registry, raw).filter((f) => f.level === 'error')).toEqual([]);
  });
});
