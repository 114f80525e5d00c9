/**
 * The scenario format: one zod schema that validates every scenario file, gives the
 * TypeScript types the rules core reads, and produces `scenarios/schema.json` for editors.
 * Cross-reference checks (unknown partner or programme ids, duplicate ids, years outside
 * the era) that a JSON Schema cannot express live in `validateScenario` below, so a
 * facilitator gets every problem with its JSON path in one pass.
 */
import { z } from 'zod';
import frenchLocale from 'zod/v4/locales/fr.js';
import { PROBLEM_TEXT, type ProblemLanguage, type ProblemText } from './problemText';

import {
  ALLIANCE_METRICS,
  COMPETITOR_COUNTRY,
  COMPETITORS,
  FOCUS_AREAS,
  PARTNER_FIELDS,
  REGIONS,
} from './constants';

export * from './constants';

/**
 * The language the schema's own hints are written in while `validateScenario` runs (it
 * runs synchronously, once per language; see there).
 */
let hintLanguage: ProblemLanguage = 'en';
const hint = (key: 'iso3' | 'lowerId' | 'url' | 'englishText' | 'frenchText') => ({ error: () => PROBLEM_TEXT[hintLanguage][key] });

/**
 * The schemas, built on first use rather than when the module loads: building them is work
 * the game's title screen need not wait for (validation runs just after it is up).
 */
function buildSchemas() {
  const iso3 = z.string().regex(/^[A-Z]{3}$/, hint('iso3'));
  const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, hint('lowerId'));
  const year = z.number().int().min(1990).max(2035);
  const url = z.string().regex(/^https?:\/\/\S+$/, hint('url'));
  const score = z.number().min(0).max(100);
  const fraction = z.number().min(0).max(1);

  // Spaces alone would show players a blank line, so they count as empty. The check on
  // them is a refinement, which the JSON Schema for editors leaves out (it keeps minLength).
  // A text left out is said as missing, in words, rather than zod's "expected string,
  // received undefined"; other wrong types keep zod's message (it names the type found).
  const text = (key: 'englishText' | 'frenchText') => {
    const empty = { error: () => (hintLanguage === 'fr' ? `${PROBLEM_TEXT.fr[key]} ne doit pas être vide` : `${PROBLEM_TEXT.en[key]} must not be empty`) };
    const missing = (issue: { input?: unknown }) => (issue.input === undefined ? PROBLEM_TEXT[hintLanguage].textMissing(key === 'frenchText' ? 'fr' : 'en') : undefined);
    return z
      .string({ error: missing })
      .min(1, empty)
      .refine((s) => s === '' || s.trim() !== '', empty);
  };
  const LocalizedText = z.strictObject(
    {
      en: text('englishText'),
      fr: text('frenchText'),
    },
    // The whole text left out, or a bare string where both languages are expected.
    { error: (issue) => (issue.code === 'invalid_type' ? PROBLEM_TEXT[hintLanguage].textsExpected(issue.input === undefined) : undefined) },
  );

  const focusRecord = z.strictObject({
    interop: fraction,
    capacity: fraction,
    integrity: fraction,
    resilience: fraction,
    dialogue: fraction,
  });

  const Framework = z.strictObject({
    id,
    acronym: z.string().min(1),
    name: LocalizedText,
    from: year,
    to: year.optional(),
    source: url,
  });

  const Programme = z.strictObject({
    id,
    acronym: z.string().min(1),
    name: LocalizedText,
    description: LocalizedText,
    from: year,
    to: year.optional(),
    focus: z.array(z.enum(FOCUS_AREAS)).min(1),
    /** Fixed upkeep per turn as a fraction of the year's envelope (the coherence tax). */
    upkeep: z.number().min(0).max(0.2),
    /** A partner is eligible if it belongs to one of these frameworks that year, or is listed. */
    eligible: z.strictObject({
      frameworks: z.array(id).default([]),
      partners: z.array(iso3).default([]),
    }),
    /** Programmes that offer the same thing: each pair serving one partner and focus costs extra. */
    overlaps: z.array(id).default([]),
    source: url,
  });

  const FrameworkMembership = z.strictObject({
    framework: id,
    from: year,
    to: year.optional(),
  });

  /** A name the partner bore before `until` (the year its next name took effect); README.md, "Partner names over time". */
  const FormerName = z.strictObject({
    until: year,
    name: LocalizedText,
    source: url,
  });

  const Partner = z.strictObject({
    id: iso3,
    /** The name in effect from the last former name's `until` on (or throughout, without former names). */
    name: LocalizedText,
    /** Earlier names, oldest first: each is in effect for the years before its `until`. */
    formerNames: z.array(FormerName).min(1).optional(),
    region: z.enum(REGIONS),
    capability: z.enum(['low', 'mid', 'high']),
    frameworks: z.array(FrameworkMembership).min(1),
    aspirant: z.boolean(),
    /** Year the country actually joined NATO, for the debrief's comparison with history. */
    joinedNato: year.optional(),
    interoperability: score,
    institutions: score,
    stability: score,
    defence: score,
    /** 0 = aligned with a competitor, 50 = hedging, 100 = aligned with NATO. */
    alignment: score,
    trust: score,
    /** Share of its own partnership activities the partner pays for. */
    selfFinancing: fraction,
    demand: focusRecord,
    gapWillingness: fraction,
    /** Hidden until a gap analysis or intelligence reveals it. */
    strategicWeight: fraction,
    courtedBy: z.enum(COMPETITORS).nullable(),
    note: LocalizedText.optional(),
    source: url,
  });

  const MetricCondition = z.strictObject({
    metric: z.enum([...ALLIANCE_METRICS, ...PARTNER_FIELDS, 'influence', 'readyAspirants']),
    partner: iso3.optional(),
    competitor: z.enum(COMPETITORS).optional(),
    region: z.enum(REGIONS).optional(),
    op: z.enum(['<', '>']),
    value: z.number(),
  });
  /** A programme runs this year (`active: true`) or does not (retired by the player or an event, or outside its years). */
  const ProgrammeCondition = z.strictObject({ programme: id, active: z.boolean() });
  const Condition = z.union([MetricCondition, ProgrammeCondition]);

  const Effect = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('metric'), metric: z.enum(ALLIANCE_METRICS), delta: z.number().min(-50).max(50) }),
    z.strictObject({
      kind: z.literal('partner'),
      partner: iso3,
      field: z.enum(PARTNER_FIELDS),
      delta: z.number().min(-50).max(50),
    }),
    z.strictObject({
      kind: z.literal('region'),
      region: z.enum(REGIONS),
      field: z.enum(PARTNER_FIELDS),
      delta: z.number().min(-50).max(50),
    }),
    z.strictObject({
      kind: z.literal('influence'),
      competitor: z.enum(COMPETITORS),
      region: z.enum(REGIONS),
      delta: z.number().min(-50).max(50),
    }),
    z.strictObject({ kind: z.literal('programme'), programme: id, status: z.enum(['active', 'retired']) }),
    z.strictObject({ kind: z.literal('budget'), factor: z.number().min(0.5).max(1.5) }),
    z.strictObject({ kind: z.literal('join'), partner: iso3 }),
    z.strictObject({ kind: z.literal('enrol'), partner: iso3, framework: id }),
    z.strictObject({ kind: z.literal('reveal'), partner: iso3 }),
  ]);

  const Choice = z.strictObject({
    id,
    label: LocalizedText,
    /** What the card shows as the choice's cost or gain, written for players. */
    cost: LocalizedText,
    consensusCost: z.number().min(0).max(40).default(0),
    effects: z.array(Effect).default([]),
  });

  const eventBody = {
    id,
    title: LocalizedText,
    text: LocalizedText,
    /** Concerned partners, highlighted on the map. */
    partners: z.array(iso3).default([]),
    choices: z.array(Choice).min(1),
    source: url,
  };

  const EventCard = z.strictObject({
    ...eventBody,
    kind: z.enum(['historical', 'generic']),
    /** Historical events fire in this year; generic ones may fire in [from, to]. */
    year: year.optional(),
    from: year.optional(),
    to: year.optional(),
    weight: z.number().min(0).max(10).default(1),
    when: z.array(Condition).default([]),
    /** Fired instead of a historical event whose `when` fails in the player's game. */
    counterfactual: z
      .strictObject({
        title: LocalizedText,
        text: LocalizedText,
        choices: z.array(Choice).min(1),
      })
      .optional(),
  });

  const Inject = z.strictObject({
    ...eventBody,
    serial: z.number().int().min(1),
    /** Fires in this year's events phase, unless it waits on another inject's outcome. */
    year: year.optional(),
    after: z.strictObject({ serial: z.number().int().min(1), choice: id }).optional(),
    /** Conditions on the state that must hold too; an inject with conditions only fires when they first hold. */
    when: z.array(Condition).default([]),
    /**
     * Who is told: `all`, a group (`nato`, `allies`, `partners`, `red`, `white`) or one role
     * (`ally:<id>`, `partner:<team>`, `red:<competitor>`). The White Cell sees every inject.
     */
    audience: z
      .array(z.string().regex(/^(all|nato|allies|partners|red|white|observer|(ally|partner|red):[a-z0-9][a-z0-9-]*)$/))
      .min(1, { error: () => PROBLEM_TEXT[hintLanguage].audienceEmpty })
      .default(['all']),
  });

  /**
   * An Allied capital's line it will not let NATO cross: a share above or below a bound,
   * a favourite partner funded below a multiple of the equal share, or priorities declared.
   */
  const RedLine = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('shareAtMost'), value: z.number().min(1).max(2) }),
    z.strictObject({ kind: z.literal('shareAtLeast'), value: z.number().min(1).max(2) }),
    z.strictObject({ kind: z.literal('partnerFunded'), partner: iso3, atLeast: z.number().min(0).max(5) }),
    z.strictObject({ kind: z.literal('noPriorities') }),
  ]);

  /** What an Allied capital wants, known only to that capital and the White Cell. */
  const AllyPriorities = z.strictObject({
    partners: z.array(iso3).default([]),
    regions: z.array(z.enum(REGIONS)).default([]),
    focus: z.array(z.enum(FOCUS_AREAS)).default([]),
    redLine: RedLine,
    /** The capital's brief, in its own words. */
    brief: LocalizedText,
  });

  /** A partner team of a facilitated exercise: the partners it speaks for. */
  const PartnerTeam = z.strictObject({
    id,
    name: LocalizedText,
    partners: z.array(iso3).min(1),
  });

  const Ally = z.strictObject({
    id,
    name: LocalizedText,
    favourites: z.array(iso3).min(1),
    priorities: AllyPriorities.optional(),
  });

  const Objective = z.strictObject({
    id,
    label: LocalizedText,
    metric: z.enum([...ALLIANCE_METRICS, 'readyAspirants', 'influenceRussia', 'influenceChina', 'alignedPartners']),
    /** Value at which the objective is fully met; `lowerIsBetter` flips the direction. */
    target: z.number(),
    lowerIsBetter: z.boolean().default(false),
    weight: z.number().min(0).max(1),
    /** For `alignedPartners`: the alignment (0–100) at which a partner counts as aligned; 60 when omitted. */
    threshold: z.number().min(0).max(100).optional(),
  });

  const HistoryEntry = z.strictObject({
    year,
    text: LocalizedText,
    source: url,
  });

  const Scenario = z.strictObject({
    $schema: z.string().optional(),
    id,
    /** The era's number in its campaign; custom eras may go beyond the four shipped ones. */
    era: z.number().int().min(1).max(99),
    title: LocalizedText,
    context: LocalizedText,
    goal: LocalizedText,
    start: year,
    end: year,
    /** Years from this one on are counterfactual: history has not happened yet. */
    counterfactualFrom: year.optional(),
    budget: z.strictObject({
      /** Common-funded budget (civil + military + NSIP), EUR millions, per year "YYYY". */
      common: z.record(z.string().regex(/^\d{4}$/), z.number().positive()),
      share: z.number().min(1).max(2),
      note: LocalizedText,
      source: url,
    }),
    /** How well each focus area serves the era's strategic goal (0–1). */
    goalFit: focusRecord,
    /** Weight of each region's partners in the alliance metrics this era. */
    regionWeight: z.strictObject({ east: fraction, south: fraction, global: fraction }),
    initial: z.strictObject({
      security: score,
      stabilityEast: score,
      stabilitySouth: score,
      liberalOrder: score,
      coherence: score,
      consensus: score,
      relevance: score,
      influence: z.strictObject({
        russia: z.strictObject({ east: score, south: score, global: score }),
        china: z.strictObject({ east: score, south: score, global: score }),
      }),
    }),
    competitors: z.strictObject({
      russia: z.strictObject({ east: z.number().min(0), south: z.number().min(0), global: z.number().min(0) }),
      china: z.strictObject({ east: z.number().min(0), south: z.number().min(0), global: z.number().min(0) }),
      /** Chance that a signalled offer is a bluff. */
      bluff: fraction,
    }),
    frameworks: z.array(Framework).min(1),
    programmes: z.array(Programme).min(1),
    partners: z.array(Partner).min(1),
    allies: z.array(Ally).min(1),
    objectives: z.array(Objective).min(1),
    events: z.array(EventCard),
    injects: z.array(Inject).default([]),
    /** Partner teams for facilitated play; without them, one team per region with partners. */
    partnerTeams: z.array(PartnerTeam).default([]),
    history: z.strictObject({
      readyAspirants: z.number().int().min(0).optional(),
      /** May be empty for a purely hypothetical era (nothing to compare with). */
      entries: z.array(HistoryEntry),
    }),
  });

  const Campaign = z.strictObject({
    $schema: z.string().optional(),
    id,
    title: LocalizedText,
    eras: z.array(id).min(1),
  });

  return { LocalizedText, Framework, Programme, FrameworkMembership, FormerName, Partner, Effect, Choice, EventCard, Inject, Ally, AllyPriorities, RedLine, PartnerTeam, Objective, HistoryEntry, Scenario, Campaign, Condition };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;

/** The scenario format's zod schemas (built once, on first use). */
export function schemas(): Schemas {
  return (built ??= buildSchemas());
}

export type LocalizedText = z.infer<Schemas['LocalizedText']>;
export type Condition = z.infer<Schemas['Condition']>;
export type Effect = z.infer<Schemas['Effect']>;
export type Choice = z.infer<Schemas['Choice']>;
export type EventCard = z.infer<Schemas['EventCard']>;
export type Inject = z.infer<Schemas['Inject']>;
export type Ally = z.infer<Schemas['Ally']>;
export type AllyPriorities = z.infer<Schemas['AllyPriorities']>;
export type RedLine = z.infer<Schemas['RedLine']>;
export type PartnerTeam = z.infer<Schemas['PartnerTeam']>;
export type Objective = z.infer<Schemas['Objective']>;
export type Scenario = z.infer<Schemas['Scenario']>;
export type ScenarioInput = z.input<Schemas['Scenario']>;
export type Partner = z.infer<Schemas['Partner']>;
export type FormerName = z.infer<Schemas['FormerName']>;
export type Programme = z.infer<Schemas['Programme']>;
export type Framework = z.infer<Schemas['Framework']>;
export type Campaign = z.infer<Schemas['Campaign']>;

/** One problem found in a scenario: where (a JSON path) and what was expected. */
export interface ScenarioProblem {
  path: string;
  /** In English, as the command-line tools print it. */
  message: string;
  /** The same in French, for the game's title screen (the scenario checks give it). */
  fr?: string;
}

export type ScenarioResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; problems: ScenarioProblem[] };

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/**
 * Validates shape and cross-references; never throws. A file with problems is checked a
 * second time in French (the same checks find the same problems in the same order), so
 * each problem carries both languages.
 */
export function validateScenario(data: unknown): ScenarioResult {
  const english = check(data, 'en');
  if (english.ok) return english;
  const french = check(data, 'fr');
  const fr = french.ok ? [] : french.problems;
  return { ok: false, problems: english.problems.map((p, i) => ({ ...p, fr: fr[i]?.path === p.path ? fr[i].message : p.message })) };
}

const frenchErrors = frenchLocale().localeError;

function check(data: unknown, language: ProblemLanguage): ScenarioResult {
  hintLanguage = language;
  try {
    const parsed = schemas().Scenario.safeParse(data, language === 'fr' ? { error: frenchErrors } : undefined);
    if (!parsed.success) {
      return {
        ok: false,
        problems: parsed.error.issues.flatMap(closestIssues).map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
      };
    }
    const problems = crossCheck(parsed.data, PROBLEM_TEXT[language]);
    return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.data };
  } finally {
    hintLanguage = 'en';
  }
}

/**
 * A value that fits none of a union's shapes (a condition on a metric, or on a programme) is
 * said by the shape it comes closest to (the fewest problems), field by field, rather than
 * zod's bare "Invalid input" at the value's path.
 */
function closestIssues(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string }[] {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
  const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return closest.flatMap((inner) => closestIssues({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const x of ids) (seen.has(x) ? dupes : seen).add(x);
  return [...dupes];
}

function crossCheck(s: Scenario, say: ProblemText): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const inEra = (y: number | undefined) => y === undefined || (y >= s.start && y <= s.end);

  if (s.end < s.start) add('$.end', say.endsBeforeStarts(s.end, s.start));
  if (s.end - s.start > 12) add('$.end', say.tooLong);
  for (let y = s.start; y <= s.end; y++) {
    if (!(String(y) in s.budget.common)) add('$.budget.common', say.noBudget(y));
  }

  const partnerIds = new Set(s.partners.map((p) => p.id));
  const programmeIds = new Set(s.programmes.map((p) => p.id));
  const frameworkIds = new Set(s.frameworks.map((f) => f.id));
  const eventIds = s.events.map((e) => e.id);
  for (const d of duplicates(s.partners.map((p) => p.id))) add('$.partners', say.duplicate('partner', d));
  for (const d of duplicates(s.programmes.map((p) => p.id))) add('$.programmes', say.duplicate('programme', d));
  for (const d of duplicates(s.frameworks.map((f) => f.id))) add('$.frameworks', say.duplicate('framework', d));
  for (const d of duplicates(eventIds)) add('$.events', say.duplicate('event', d));
  for (const d of duplicates(s.injects.map((i) => String(i.serial)))) add('$.injects', say.duplicate('inject', d));
  for (const d of duplicates(s.objectives.map((o) => o.id))) add('$.objectives', say.duplicate('objective', d));
  s.objectives.forEach((o, i) => {
    if (o.threshold !== undefined && o.metric !== 'alignedPartners') add(`$.objectives[${i}].threshold`, say.thresholdOnAligned(o.metric));
  });

  const weights = s.objectives.reduce((sum, o) => sum + o.weight, 0);
  if (Math.abs(weights - 1) > 0.001) add('$.objectives', say.weightsSum(weights.toFixed(3)));

  const knownPartner = (p: string, path: string) => {
    if (!partnerIds.has(p)) add(path, say.unknown('partner', p));
  };
  const knownProgramme = (p: string, path: string) => {
    if (!programmeIds.has(p)) add(path, say.unknown('programme', p));
  };
  const knownFramework = (f: string, path: string) => {
    if (!frameworkIds.has(f)) add(path, say.unknown('framework', f));
  };

  s.programmes.forEach((p, i) => {
    const at = `$.programmes[${i}]`;
    p.eligible.frameworks.forEach((f, j) => knownFramework(f, `${at}.eligible.frameworks[${j}]`));
    p.eligible.partners.forEach((x, j) => knownPartner(x, `${at}.eligible.partners[${j}]`));
    p.overlaps.forEach((x, j) => knownProgramme(x, `${at}.overlaps[${j}]`));
    if (p.to !== undefined && p.to < p.from) add(`${at}.to`, say.programmeEndsBeforeStarts(p.to, p.from));
    if (p.from > s.end) add(`${at}.from`, say.programmeAfterEra(p.from, s.end));
  });
  s.partners.forEach((p, i) => {
    const at = `$.partners[${i}]`;
    p.frameworks.forEach((m, j) => knownFramework(m.framework, `${at}.frameworks[${j}].framework`));
    const demand = Object.values(p.demand).reduce((a, b) => a + b, 0);
    if (demand <= 0) add(`${at}.demand`, say.noDemand);
    if (p.courtedBy && COMPETITOR_COUNTRY[p.courtedBy] === p.id) add(`${at}.courtedBy`, say.courtsItself(p.id, p.courtedBy));
    // A former name must be in effect in some year of the era and give way within it, in order.
    p.formerNames?.forEach((f, j) => {
      const where = `${at}.formerNames[${j}]`;
      if (f.until <= s.start || f.until > s.end) add(`${where}.until`, say.formerNameOutsideEra(p.id, f.until, s.start, s.end));
      const previous = p.formerNames?.[j - 1];
      if (previous && f.until <= previous.until) add(`${where}.until`, say.formerNamesUnsorted(p.id, f.until, previous.until));
      const next = p.formerNames?.[j + 1]?.name ?? p.name;
      if (f.name.en === next.en && f.name.fr === next.fr) add(`${where}.name`, say.formerNameUnchanged(p.id, f.name.en));
    });
  });
  // Timeline holds: a member is no partner after accession, and no one is in a framework
  // before it exists (MAP from 1999: its upkeep must not be charged earlier).
  const frameworkFrom = new Map(s.frameworks.map((f) => [f.id, f.from]));
  s.partners.forEach((p, i) => {
    p.frameworks.forEach((m, j) => {
      const at = `$.partners[${i}].frameworks[${j}]`;
      const created = frameworkFrom.get(m.framework);
      if (created !== undefined && m.from < created) add(`${at}.from`, say.beforeFramework(m.framework, m.from, created));
      if (p.joinedNato !== undefined && p.joinedNato <= s.end && (m.to === undefined || m.to > p.joinedNato)) {
        add(`${at}.to`, say.afterAccession(p.id, m.framework, m.to, p.joinedNato));
      }
    });
  });
  s.programmes.forEach((prog, i) =>
    prog.eligible.partners.forEach((x, j) => {
      const joined = s.partners.find((p) => p.id === x)?.joinedNato;
      if (joined !== undefined && prog.from >= joined) add(`$.programmes[${i}].eligible.partners[${j}]`, say.fundedAfterAccession(x, prog.id, joined));
    }),
  );
  s.allies.forEach((a, i) => {
    a.favourites.forEach((p, j) => knownPartner(p, `$.allies[${i}].favourites[${j}]`));
    a.priorities?.partners.forEach((p, j) => knownPartner(p, `$.allies[${i}].priorities.partners[${j}]`));
    if (a.priorities?.redLine.kind === 'partnerFunded') knownPartner(a.priorities.redLine.partner, `$.allies[${i}].priorities.redLine.partner`);
  });
  for (const d of duplicates(s.allies.map((a) => a.id))) add('$.allies', say.duplicate('ally', d));
  for (const d of duplicates(s.partnerTeams.map((t) => t.id))) add('$.partnerTeams', say.duplicate('team', d));
  s.partnerTeams.forEach((t, i) => t.partners.forEach((p, j) => knownPartner(p, `$.partnerTeams[${i}].partners[${j}]`)));
  const allyIds = new Set(s.allies.map((a) => a.id));
  const teamIds = new Set(s.partnerTeams.length ? s.partnerTeams.map((t) => t.id) : REGIONS);
  const knownAudience = (a: string): boolean => {
    const [kind, which] = a.split(':');
    if (which === undefined) return true;
    if (kind === 'ally') return allyIds.has(which);
    if (kind === 'partner') return teamIds.has(which);
    return (COMPETITORS as readonly string[]).includes(which);
  };

  const checkEffects = (effects: Effect[], at: string) =>
    effects.forEach((e, k) => {
      const path = `${at}[${k}]`;
      if ('partner' in e) knownPartner(e.partner, `${path}.partner`);
      if (e.kind === 'programme') knownProgramme(e.programme, `${path}.programme`);
      if (e.kind === 'enrol') knownFramework(e.framework, `${path}.framework`);
    });
  const checkConditions = (conditions: Condition[], at: string) =>
    conditions.forEach((c, j) => {
      if ('programme' in c) knownProgramme(c.programme, `${at}[${j}].programme`);
      else if (c.partner) knownPartner(c.partner, `${at}[${j}].partner`);
    });
  const checkChoices = (choices: Choice[], at: string) => {
    if (choices[0] && choices[0].consensusCost > 0) add(`${at}[0].consensusCost`, say.defaultChoiceCosts);
    for (const d of duplicates(choices.map((c) => c.id))) add(at, say.duplicate('choice', d));
    choices.forEach((c, j) => checkEffects(c.effects, `${at}[${j}].effects`));
  };

  s.events.forEach((e, i) => {
    const at = `$.events[${i}]`;
    e.partners.forEach((p, j) => knownPartner(p, `${at}.partners[${j}]`));
    checkConditions(e.when, `${at}.when`);
    if (e.kind === 'historical' && e.year === undefined) add(`${at}.year`, say.historicalYear);
    for (const key of ['year', 'from', 'to'] as const) {
      if (!inEra(e[key])) add(`${at}.${key}`, say.outsideEra(e[key], s.start, s.end));
    }
    checkChoices(e.choices, `${at}.choices`);
    if (e.counterfactual) checkChoices(e.counterfactual.choices, `${at}.counterfactual.choices`);
  });
  // An inject by its serial (the first of a duplicated one, as the engine's index keeps it).
  const bySerial = new Map<number, Inject>();
  for (const inj of s.injects) if (!bySerial.has(inj.serial)) bySerial.set(inj.serial, inj);
  const firstInjectId = new Map<string, number>();
  s.injects.forEach((inj, i) => {
    const at = `$.injects[${i}]`;
    inj.partners.forEach((p, j) => knownPartner(p, `${at}.partners[${j}]`));
    if (!inEra(inj.year)) add(`${at}.year`, say.outsideEra(inj.year, s.start, s.end));
    if (inj.year === undefined && !inj.after && !inj.when.length) add(at, say.injectTiming);
    checkConditions(inj.when, `${at}.when`);
    inj.audience.forEach((a, j) => {
      if (!knownAudience(a)) add(`${at}.audience[${j}]`, say.unknown('role', a));
    });
    // An inject waits on another's answer by that answer's choice id: a misspelt one matches
    // no answer ever given, and the inject silently never fires.
    const awaited = inj.after && bySerial.get(inj.after.serial);
    if (inj.after && !awaited) add(`${at}.after.serial`, say.unknown('inject', String(inj.after.serial)));
    if (inj.after && awaited && !awaited.choices.some((c) => c.id === inj.after!.choice)) {
      add(`${at}.after.choice`, say.afterChoiceUnknown(awaited.serial, inj.after.choice, awaited.choices.map((c) => c.id)));
    }
    const first = firstInjectId.get(inj.id);
    if (first !== undefined) add(`${at}.id`, say.duplicateInjectId(inj.id, `$.injects[${first}].id`));
    else firstInjectId.set(inj.id, i);
    // A waiting card is known by its event's id or its inject's serial (src/core/events.ts);
    // an event whose id is that serial cannot be told from the inject when NATO answers.
    const clash = s.events.findIndex((e) => e.id === String(inj.serial));
    if (clash >= 0) add(`${at}.serial`, say.serialIsEventId(inj.serial, `$.events[${clash}].id`));
    checkChoices(inj.choices, `${at}.choices`);
  });
  checkInjectLoops(s.injects, bySerial, add, say);
  s.history.entries.forEach((h, i) => {
    if (!inEra(h.year)) add(`$.history.entries[${i}].year`, say.outsideEra(h.year, s.start, s.end));
  });
  return problems;
}

/**
 * Injects that wait on each other's answers in a loop (1 after 2, 2 after 1, or one after
 * itself) never fire on their own: each waits for an answer that needs it to fire first.
 * The loop is reported once, at its first inject in the file; an inject that waits on the
 * loop from outside it never fires either, and is reported at its own `after.serial`.
 */
function checkInjectLoops(injects: Inject[], bySerial: Map<number, Inject>, add: (path: string, message: string) => void, say: ProblemText): void {
  const index = new Map(injects.map((inj, i) => [inj, i] as const));
  injects.forEach((inj, i) => {
    const chain: Inject[] = [inj];
    for (let next = inj.after && bySerial.get(inj.after.serial); next; next = next.after && bySerial.get(next.after.serial)) {
      const seen = chain.indexOf(next);
      if (seen < 0) {
        chain.push(next);
        continue;
      }
      const loop = chain.slice(seen);
      if (seen > 0) {
        // This inject leads into the loop, directly or through others that never fire either:
        // each is reported at its own path, naming the inject it waits on.
        add(`$.injects[${i}].after.serial`, say.waitsOnLoop(inj.after!.serial, ringFrom(loop, index)));
      } else if (loop.every((x) => index.get(x)! >= i)) {
        add(`$.injects[${i}].after.serial`, say.injectLoop(ringFrom(loop, index)));
      }
      break;
    }
  });
}

/** A loop's serials from its first inject in the file, that one again at the end: 1 → 2 → 1. */
function ringFrom(loop: Inject[], index: Map<Inject, number>): number[] {
  const start = loop.reduce((best, x, k) => (index.get(x)! < index.get(loop[best])! ? k : best), 0);
  const ordered = [...loop.slice(start), ...loop.slice(0, start)];
  return [...ordered.map((x) => x.serial), ordered[0].serial];
}

/** The mark `npm run scenario:new` puts on a scaffold's title until its author gives it one. */
export const SCAFFOLD_MARK = { en: ' (custom era: edit me)', fr: ' (époque personnalisée\u00a0: à modifier)' } as const;

/**
 * What `npm run scenario:check` warns about in a valid era that will not play as its author
 * meant, in English and French, each by its JSON path: an inject not addressed to NATO's
 * staff that offers choices nobody at the table can make; an inject id that is an event's
 * too; a scaffold left untouched (the "edit me" title, no history). Warnings, not problems:
 * the game plays the era as it is.
 */
export function scenarioWarnings(s: Scenario): ScenarioProblem[] {
  const warnings: ScenarioProblem[] = [];
  const warn = (path: string, say: (t: ProblemText) => string) => warnings.push({ path, message: say(PROBLEM_TEXT.en), fr: say(PROBLEM_TEXT.fr) });
  if (s.title.en.includes(SCAFFOLD_MARK.en.trim()) || s.title.fr.includes(SCAFFOLD_MARK.fr.trim())) warn('$.title', (t) => t.scaffoldTitle);
  if (!s.history.entries.length) warn('$.history.entries', (t) => t.noHistory);
  s.injects.forEach((inj, i) => {
    const at = `$.injects[${i}]`;
    const event = s.events.findIndex((e) => e.id === inj.id);
    if (event >= 0) warn(`${at}.id`, (t) => t.injectIdIsEventId(inj.id, `$.events[${event}].id`));
    // Only NATO's staff answers cards (src/exercise/engine.ts, natoAnswers): a card for other
    // held roles is theirs to read, and its first choice stands.
    const toNato = inj.audience.some((a) => a === 'all' || a === 'nato');
    if (!toNato && inj.choices.length > 1) {
      const [first, ...others] = inj.choices.map((c) => c.id);
      warn(`${at}.audience`, (t) => t.choicesNatoCannotMake(inj.audience, first, others));
    }
  });
  return warnings;
}

/** The JSON Schema that `scenarios/schema.json` holds, for editors' autocompletion. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(schemas().Scenario, { io: 'input', target: 'draft-2020-12' });
}

export function campaignJsonSchema(): object {
  return z.toJSONSchema(schemas().Campaign, { io: 'input', target: 'draft-2020-12' });
}

/** An era's title with its years, unless the title gives them already (most do). */
export function titleWithYears(title: string, era: Pick<Scenario, 'start' | 'end'>): string {
  return title.includes(String(era.start)) ? title : `${title} (${era.start}–${era.end})`;
}

/**
 * A partner's name as it was in `year`: the first former name still in effect (its `until`
 * is after the year), else the current name. Countries rename (Macedonia (FYROM) became
 * North Macedonia in February 2019): every screen and report names a partner through this,
 * with the year it speaks of (README.md, "Partner names over time").
 */
export function partnerNameTextIn(partner: Pick<Partner, 'name' | 'formerNames'>, year: number): LocalizedText {
  return partner.formerNames?.find((f) => year < f.until)?.name ?? partner.name;
}

/** The first year a partner is in any of NATO's frameworks (before it, the era has it only in prospect). */
export function partnerFirstYear(partner: Pick<Partner, 'frameworks'>): number {
  return Math.min(...partner.frameworks.map((f) => f.from));
}

/** The name of a scenario's partner in `year` and `lang`; the id itself for a partner the scenario lacks. */
export function partnerNameIn(scenario: Pick<Scenario, 'partners'>, partnerId: string, year: number, lang: 'en' | 'fr'): string {
  const p = scenario.partners.find((x) => x.id === partnerId);
  return p ? partnerNameTextIn(p, year)[lang] : partnerId;
}

/**
 * A partner's name in a summary over the years `from`–`to` (a whole era, an exercise): the
 * name at `to`, followed by the former one and the year it ended when the name changed
 * within the span, e.g. "North Macedonia, called Macedonia (FYROM) before 2019" (a former
 * name may hold brackets of its own, so the summary adds none).
 */
export function partnerNameOver(scenario: Pick<Scenario, 'partners'>, partnerId: string, from: number, to: number, lang: 'en' | 'fr'): string {
  const p = scenario.partners.find((x) => x.id === partnerId);
  if (!p) return partnerId;
  const last = partnerNameTextIn(p, to)[lang];
  const earlier = (p.formerNames ?? []).filter((f) => f.until > from && f.until <= to && f.name[lang] !== last);
  if (!earlier.length) return last;
  const called = lang === 'fr' ? 'appelée' : 'called';
  const before = lang === 'fr' ? 'avant' : 'before';
  return `${last}, ${called} ${earlier.map((f) => `${f.name[lang]} ${before} ${f.until}`).join(`, ${lang === 'fr' ? 'puis' : 'then'} `)}`;
}
