/**
 * A small, valid scenario and state builders for rules tests, so each test states only
 * what matters to it (Unciv's TestGame plays the same role). The real eras are tested
 * separately against scenarios/.
 */
import { schemas, validateScenario, type Scenario, type ScenarioInput, type ScenarioProblem } from '../../src/core/scenario';

const t = (en: string) => ({ en, fr: `${en} (fr)` });
const url = 'https://www.nato.int/docu/update/1994/9401e.htm';

export function miniScenarioInput(): ScenarioInput {
  const partner = (id: string, over: Partial<ScenarioInput['partners'][number]> = {}) => ({
    id,
    name: t(id),
    region: 'east' as const,
    capability: 'mid' as const,
    frameworks: [{ framework: 'pfp', from: 2000 }],
    aspirant: false,
    interoperability: 40,
    institutions: 40,
    stability: 40,
    defence: 40,
    alignment: 55,
    trust: 55,
    selfFinancing: 0.1,
    demand: { interop: 0.2, capacity: 0.5, integrity: 0.1, resilience: 0.1, dialogue: 0.1 },
    gapWillingness: 0.6,
    strategicWeight: 0.5,
    courtedBy: null,
    source: url,
    ...over,
  });
  return {
    id: 'mini',
    era: 1,
    title: t('Mini'),
    context: t('A test era'),
    goal: t('Test goal'),
    start: 2000,
    end: 2003,
    budget: { common: { '2000': 1000, '2001': 1000, '2002': 1000, '2003': 1000 }, share: 1.5, note: t('test'), source: url },
    goalFit: { interop: 1, capacity: 0.8, integrity: 0.6, resilience: 0.3, dialogue: 0.2 },
    regionWeight: { east: 0.7, south: 0.3, global: 0 },
    initial: {
      security: 50,
      stabilityEast: 50,
      stabilitySouth: 50,
      liberalOrder: 50,
      coherence: 70,
      consensus: 60,
      relevance: 60,
      influence: { russia: { east: 40, south: 20, global: 10 }, china: { east: 5, south: 10, global: 20 } },
    },
    competitors: { russia: { east: 4, south: 0, global: 0 }, china: { east: 0, south: 1, global: 0 }, bluff: 0.25 },
    frameworks: [
      { id: 'pfp', acronym: 'PfP', name: t('Partnership for Peace'), from: 1994, source: url },
      { id: 'md', acronym: 'MD', name: t('Mediterranean Dialogue'), from: 1994, source: url },
      { id: 'map', acronym: 'MAP', name: t('Membership Action Plan'), from: 1999, source: url },
    ],
    programmes: [
      { id: 'ipp', acronym: 'IPP', name: t('IPP'), description: t('exercises'), from: 1994, focus: ['interop', 'dialogue'], upkeep: 0.03, eligible: { frameworks: ['pfp'] }, overlaps: ['parp'], source: url },
      { id: 'parp', acronym: 'PARP', name: t('PARP'), description: t('planning'), from: 1995, focus: ['interop', 'capacity'], upkeep: 0.03, eligible: { frameworks: ['pfp'] }, source: url },
      { id: 'tf', acronym: 'TF', name: t('Trust funds'), description: t('demilitarisation'), from: 2000, focus: ['capacity', 'resilience', 'integrity'], upkeep: 0.02, eligible: { frameworks: ['pfp', 'md'] }, source: url },
      { id: 'mdc', acronym: 'MDC', name: t('MD cooperation'), description: t('dialogue'), from: 1995, focus: ['dialogue', 'integrity'], upkeep: 0.02, eligible: { frameworks: ['md'] }, source: url },
      { id: 'mapsup', acronym: 'ANP', name: t('MAP support'), description: t('membership'), from: 2002, to: 2003, focus: ['integrity', 'interop'], upkeep: 0.02, eligible: { frameworks: ['map'] }, source: url },
    ],
    partners: [
      partner('POL', { aspirant: true, frameworks: [{ framework: 'pfp', from: 1994 }, { framework: 'map', from: 1999 }], interoperability: 60, institutions: 62, stability: 64, defence: 58, strategicWeight: 0.9, gapWillingness: 0.95 }),
      partner('UKR', { strategicWeight: 0.8, courtedBy: 'russia', capability: 'low' }),
      partner('KAZ', { strategicWeight: 0.1, courtedBy: 'russia', gapWillingness: 0.1, capability: 'low' }),
      partner('CHE', { strategicWeight: 0.2, selfFinancing: 0.8, capability: 'high' }),
      partner('EGY', { region: 'south', frameworks: [{ framework: 'md', from: 1995 }], strategicWeight: 0.3, courtedBy: 'china', gapWillingness: 0 }),
      partner('GEO', { frameworks: [{ framework: 'pfp', from: 2002 }], strategicWeight: 0.6 }),
    ],
    allies: [
      { id: 'east', name: t('Eastern Allies'), favourites: ['UKR', 'POL'] },
      { id: 'south', name: t('Southern Allies'), favourites: ['EGY'] },
    ],
    objectives: [
      { id: 'ready', label: t('Ready aspirants'), metric: 'readyAspirants', target: 1, weight: 0.3 },
      { id: 'sec', label: t('Security'), metric: 'security', target: 60, weight: 0.4 },
      { id: 'rus', label: t('Russia calm'), metric: 'influenceRussia', target: 40, lowerIsBetter: true, weight: 0.3 },
    ],
    events: [
      {
        id: 'summit',
        kind: 'historical',
        year: 2001,
        title: t('Summit'),
        text: t('A summit'),
        source: url,
        partners: ['POL'],
        when: [{ metric: 'consensus', op: '>', value: 20 }],
        choices: [
          { id: 'welcome', label: t('Welcome'), cost: t('+3 security'), effects: [{ kind: 'metric', metric: 'security', delta: 3 }] },
          { id: 'push', label: t('Push'), cost: t('−10 consensus'), consensusCost: 10, effects: [{ kind: 'partner', partner: 'UKR', field: 'trust', delta: 10 }] },
        ],
        counterfactual: { title: t('Summit fails'), text: t('No consensus'), choices: [{ id: 'accept', label: t('Accept'), cost: t('−5 relevance'), effects: [{ kind: 'metric', metric: 'relevance', delta: -5 }] }] },
      },
      {
        id: 'scandal',
        kind: 'generic',
        from: 2000,
        to: 2003,
        weight: 2,
        title: t('Scandal'),
        text: t('Corruption'),
        source: url,
        choices: [{ id: 'ignore', label: t('Ignore'), cost: t('−3 coherence'), effects: [{ kind: 'metric', metric: 'coherence', delta: -3 }] }],
      },
      {
        id: 'arms',
        kind: 'generic',
        weight: 1,
        title: t('Arms deal'),
        text: t('A competitor sells arms'),
        source: url,
        choices: [{ id: 'note', label: t('Note'), cost: t('+4 Russian influence'), effects: [{ kind: 'influence', competitor: 'russia', region: 'east', delta: 4 }] }],
      },
      {
        id: 'accession',
        kind: 'historical',
        year: 2002,
        title: t('Accession'),
        text: t('Poland joins'),
        source: url,
        choices: [{ id: 'join', label: t('Join'), cost: t('Poland becomes an Ally'), effects: [{ kind: 'join', partner: 'POL' }] }],
      },
    ],
    injects: [
      { id: 'msel-1', serial: 1, year: 2000, title: t('Inject'), text: t('MSEL 1'), source: url, choices: [{ id: 'a', label: t('A'), cost: t('none') }, { id: 'b', label: t('B'), cost: t('none') }] },
      { id: 'msel-2', serial: 2, after: { serial: 1, choice: 'b' }, title: t('Follow-up'), text: t('MSEL 2'), source: url, choices: [{ id: 'ok', label: t('OK'), cost: t('none') }] },
    ],
    history: { readyAspirants: 1, entries: [{ year: 2002, text: t('Poland joined'), source: url }] },
  };
}

export function miniScenario(patch?: (s: ScenarioInput) => void): Scenario {
  const input = miniScenarioInput();
  patch?.(input);
  return schemas().Scenario.parse(input);
}

/** The problems the scenario check finds in the small scenario after `patch` (none when it is valid). */
export function problemsAfter(patch: (s: ScenarioInput) => void): ScenarioProblem[] {
  const input = miniScenarioInput();
  patch(input);
  const r = validateScenario(input);
  return r.ok ? [] : r.problems;
}
