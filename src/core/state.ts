/**
 * The game state (docs/architecture.md) as plain JSON (no classes, Maps or Dates), its creation
 * from a scenario and a seed, and the read-only questions every other rules module asks
 * of it: which partners and programmes are active this year, who is eligible for what,
 * how big the envelope is, and how ready an aspirant is for membership.
 */
import { COMPETITORS, FOCUS_AREAS, FOCUS_COUNT, REGIONS } from './constants';
import type { AllianceMetric, CompetitorId, FocusArea, Partner, Programme, Region, Scenario } from './scenario';
import { seedState } from './rng';
import { RULES } from './rules';
import type { AllocationLine, PolicyAction, Tier, TurnDecision } from './decisionTypes';

export const STATE_VERSION = 1;

/** Readiness (mean of four attributes) at which an aspirant is ready for membership. */
export const READINESS_THRESHOLD = 65;

export type { Tier };

export interface PartnerState {
  id: string;
  trust: number;
  alignment: number;
  interoperability: number;
  institutions: number;
  stability: number;
  defence: number;
  /** Joined NATO during the game: no longer a partner. */
  member: boolean;
  /** Strategic weight known to the player (after a gap analysis or intelligence). */
  revealed: boolean;
  /** Turns left of the targeting bonus from an accepted gap analysis. */
  targeting: number;
  /** Refused a gap analysis this era. */
  gapRefused: boolean;
  tier: Tier | null;
  /** 0–1: how well last turn's money matched what the partner asked for. */
  satisfaction: number;
  /** EUR millions NATO gave the partner last turn. */
  lastFunding: number;
}

export interface CompetitorOffer {
  competitor: CompetitorId;
  partner: string;
  /** Signalled amount, EUR millions. */
  amount: number;
  /** Hidden from the player: a bluff commits only part of the signal. */
  bluff: boolean;
}

export interface AlliedPush {
  ally: string;
  partner: string;
}

export interface Briefing {
  year: number;
  offers: CompetitorOffer[];
  pushes: AlliedPush[];
  /** Each active partner's top request this year. */
  requests: { partner: string; focus: FocusArea }[];
}

export interface PendingEvent {
  id: string;
  source: 'event' | 'inject';
  counterfactual: boolean;
}

export interface FiredEvent extends PendingEvent {
  year: number;
  choice: string;
}

/** One line of "what changed and why" in the review phase. */
export interface Driver {
  metric: string;
  delta: number;
  cause:
    | 'upkeep'
    | 'funding'
    | 'competitor'
    | 'pushHonoured'
    | 'pushIgnored'
    | 'priorities'
    | 'gapAnalysis'
    | 'intelligence'
    | 'reform'
    | 'event'
    | 'drift'
    | 'share'
    | 'bilateral'
    | 'adjudication'
    /** The region's year: a crisis or a calm year dealt by the world's dice (docs/rules.md). */
    | 'fortune';
  /** A partner, programme, event or competitor id the cause refers to. */
  subject?: string;
}

export interface TurnRecord {
  year: number;
  share: number;
  envelope: number;
  upkeep: number;
  overlapCost: number;
  allocated: number;
  /** Money allocated to what partners asked for (their top two demands). */
  demandDriven: number;
  /** Money weighted by how well the focus serves the era's goal. */
  goalDriven: number;
  /** Correlation-like match (−1..1) between money per partner and strategic weight. */
  prioritisation: number;
  /** Money partners needed to move (below their absorption threshold) that they did not get. */
  unmetNeed: number;
  offersOutbid: number;
  offersTotal: number;
  activeProgrammes: number;
  overlapPairs: number;
  alliance: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
  readyAspirants: number;
  avgTrust: number;
  avgAlignment: number;
  gapAnalyses: { partner: string; accepted: boolean }[];
  drivers: Driver[];
  events: FiredEvent[];
  /** Money per partner this turn, for the debrief's prioritisation view. */
  funding: Record<string, number>;
  /**
   * The region's year as rolled, before the 0–100 bounds: how far the year's crisis (below
   * 0) or calm (above 0) moved each region's metric (docs/rules.md, "The region's year").
   * Absent in records made before the rule.
   */
  fortune?: Record<Region, number>;
}

export type LogEntry =
  | { kind: 'decision'; year: number; decision: TurnDecision }
  | { kind: 'choice'; year: number; event: string; choice: string }
  | { kind: 'strategy'; strategy: StatedStrategy };

/** The strategy a player states at an era's start, for the say–do score. */
export type StatedStrategy = 'equal' | 'prioritise' | 'east' | 'south' | 'global';
export const STATED_STRATEGIES: readonly StatedStrategy[] = ['equal', 'prioritise', 'east', 'south', 'global'];

export interface GameState {
  version: number;
  scenarioId: string;
  era: number;
  year: number;
  seed: number;
  rng: number;
  share: number;
  policy: 'equal' | 'priorities';
  alliance: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
  partners: Record<string, PartnerState>;
  /** Frameworks partners joined through events, on top of the scenario's memberships. */
  enrolled: Record<string, string[]>;
  /** Programmes whose status an action or event changed; others follow their years. */
  programmeStatus: Record<string, 'active' | 'retired'>;
  reform: { upkeepFactor: number; disruption: number; strategic: boolean; goalBonus: number };
  budgetFactor: number;
  briefing: Briefing;
  pendingEvents: PendingEvent[];
  fired: FiredEvent[];
  turns: TurnRecord[];
  log: LogEntry[];
  strategy: StatedStrategy | null;
  /** True once the last year's review is done. */
  finished: boolean;
  /**
   * What a facilitated exercise's human roles decided this turn that the dice would decide
   * in solo play (see docs/exercise.md); absent in solo play. Cleared when the turn ends.
   */
  turnInputs?: TurnInputs;
  /** The White Cell's control of the master events list; absent without a White Cell. */
  injectControl?: InjectControl;
}

/**
 * A partner team's answers for this turn: whether it accepts NATO's gap analysis (instead
 * of the dice, which are still rolled so the rest of the game draws the same numbers), and
 * the extra share of its own activities it offers to pay (0–0.5, on top of the scenario's).
 */
export interface TurnInputs {
  gapAnswers?: Record<string, boolean>;
  selfFinancing?: Record<string, number>;
}

/**
 * The White Cell's hand on the injects: held ones wait when due, skipped ones never fire,
 * released ones fire at the next events phase whatever their time, and ad-hoc cards (event
 * ids from the scenario's deck) are dealt at the next events phase.
 */
export interface InjectControl {
  held: string[];
  skipped: string[];
  released: string[];
  adhoc: string[];
}

/**
 * A value kept on the rules' 0–100 scale. Bounds are fixed, not default parameters: the
 * defaults' checks made the function too long for V8 to inline it always, and a turn
 * clamps hundreds of times (see `clampBetween` for other bounds).
 */
export function clamp(v: number): number {
  return v < 0 ? 0 : v > 100 ? 100 : v;
}

/** A value kept within `lo`–`hi`. */
export function clampBetween(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function inYears(year: number, from: number, to?: number): boolean {
  return year >= from && (to === undefined || year <= to);
}

export function commonBudget(scenario: Scenario, year: number): number {
  const v = scenario.budget.common[String(year)];
  if (v !== undefined) return v;
  // Validated scenarios have every year; this only guards hand-built states.
  const values = Object.values(scenario.budget.common);
  return values[values.length - 1] ?? 0;
}

/** The year's partnerships envelope in EUR millions. */
export function envelopeFor(scenario: Scenario, state: GameState, share = state.share): number {
  return (share / 100) * commonBudget(scenario, state.year) * state.budgetFactor;
}

/**
 * Per-scenario lookups built once, because the simulator runs thousands of games. The hot
 * path addresses partners by their position in `scenario.partners` (`position`), so its
 * per-partner numbers live in flat arrays instead of objects keyed by id.
 */
export interface ScenarioIndex {
  partner: Map<string, Partner>;
  programme: Map<string, Programme>;
  /** `${year}` → partner id → frameworks the partner belongs to that year. */
  frameworksByYear: Map<number, Map<string, Set<string>>>;
  /** Partner id → position in `scenario.partners`. */
  position: Map<string, number>;
  /** Partner statics by position. */
  statics: PartnerStatics[];
  /** Region weight of each partner's region, by position. */
  regionWeight: Float64Array;
  /** Each partner's top request in the briefing, by position. */
  topRequest: FocusArea[];
  /** Driver metric names (`trust:<id>`, `alignment:<id>`), built once instead of per note. */
  trustMetric: string[];
  alignmentMetric: string[];
}
const indexCache = new WeakMap<Scenario, ScenarioIndex>();

export function indexOf(scenario: Scenario): ScenarioIndex {
  let index = indexCache.get(scenario);
  if (!index) {
    const frameworksByYear = new Map<number, Map<string, Set<string>>>();
    for (let y = scenario.start; y <= scenario.end; y++) {
      const byPartner = new Map<string, Set<string>>();
      for (const p of scenario.partners) {
        byPartner.set(p.id, new Set(p.frameworks.filter((m) => inYears(y, m.from, m.to)).map((m) => m.framework)));
      }
      frameworksByYear.set(y, byPartner);
    }
    index = {
      partner: new Map(scenario.partners.map((p) => [p.id, p])),
      programme: new Map(scenario.programmes.map((p) => [p.id, p])),
      frameworksByYear,
      position: new Map(scenario.partners.map((p, i) => [p.id, i])),
      statics: scenario.partners.map(partnerStatics),
      regionWeight: Float64Array.from(scenario.partners, (p) => scenario.regionWeight[p.region]),
      topRequest: scenario.partners.map((p) => {
        let top: FocusArea = 'dialogue';
        for (const f of FOCUS_AREAS) if (p.demand[f] > p.demand[top]) top = f;
        return top;
      }),
      trustMetric: scenario.partners.map((p) => `trust:${p.id}`),
      alignmentMetric: scenario.partners.map((p) => `alignment:${p.id}`),
    };
    indexCache.set(scenario, index);
  }
  return index;
}

/** Frameworks a partner belongs to in the state's year (including enrolments by events). */
export function frameworksOf(scenario: Scenario, state: GameState, partnerId: string): ReadonlySet<string> {
  const base = indexOf(scenario).frameworksByYear.get(state.year)?.get(partnerId) ?? EMPTY;
  const extra = state.enrolled[partnerId];
  return extra?.length ? new Set([...base, ...extra]) : base;
}
const EMPTY: ReadonlySet<string> = new Set();

/**
 * What this year looks like from the toolbox: active partners and programmes, and which
 * programmes offer each focus to each partner (with their overlapping pairs). It depends
 * only on the year, members, enrolments and programme status, so it is computed once per
 * combination and shared by every game of the scenario.
 */
export interface YearView {
  /** Read-only: every game in the year shares it, and `order` follows its order. */
  active: readonly Partner[];
  activeIds: ReadonlySet<string>;
  programmes: Programme[];
  upkeepRate: number;
  /** Partner → programmes offering each focus (indexed as FOCUS_AREAS), in scenario order. */
  offers: ReadonlyMap<string, readonly Programme[][]>;
  /** Partner → overlapping programme pairs serving each focus (indexed as FOCUS_AREAS). */
  overlapPairs: ReadonlyMap<string, readonly number[]>;
  /** By partner position: 1 when active this year. */
  isActive: Uint8Array;
  /** By partner position: bit FOCUS_INDEX[f] set when some programme offers f to the partner. */
  offerMask: Uint8Array;
  /** By partner position × FOCUS_COUNT + FOCUS_INDEX: overlapping programme pairs (as `overlapPairs`). */
  pairs: Int32Array;
  /** Position in `scenario.partners` of each entry of `active`, in its order. */
  order: Int32Array;
  /** The briefing's requests: each active partner's top demand, in list order (frozen, shared by every game). */
  requests: Briefing['requests'];
  /**
   * What the briefing's offers are drawn from, in the order they are drawn: each competitor
   * and region with money to signal and partners to court there (active ones, in list
   * order), with the money each of its targets (up to three) is signalled on average.
   */
  courting: readonly Courting[];
  /** Allies with active favourites (in scenario order), each with those favourites in its order: who pushes whom. */
  pushing: readonly { ally: string; favourites: readonly string[] }[];
}

/** One competitor's courting in one region in a year (see `YearView.courting`). */
export interface Courting {
  competitor: CompetitorId;
  /** The pool offers are drawn from; not frozen (read-only by type): V8 copies frozen arrays on a slow path, and the briefing copies these each turn. */
  courted: readonly Partner[];
  /** Partners drawn (min(3, courted)), and the region's budget shared by them. */
  targets: number;
  perTarget: number;
}
interface ViewCache {
  views: Map<string, YearView>;
  /** Bumped whenever `views` is cleared, so a memo can tell whether its view is still the cached one. */
  generation: number;
  /** The view of the next year with nothing else changed, and its key (see `advanceView`). */
  next: Map<YearView, { view: YearView; key: string }>;
  /** The view an event's effect leads to from a view, and its key (see `changeView`). */
  changed: Map<YearView, Map<object, { view: YearView; key: string }>>;
}
const viewCache = new WeakMap<Scenario, ViewCache>();

function viewKey(scenario: Scenario, state: GameState): string {
  let key = String(state.year);
  for (const id in state.programmeStatus) key += `|${id}=${state.programmeStatus[id]}`;
  for (const id in state.enrolled) key += `|${id}+${state.enrolled[id].join('+')}`;
  if (inScenarioOrder(scenario, state.partners)) {
    // The same members in the same order as the loop below, without enumerating the keys.
    for (const p of scenario.partners) if (state.partners[p.id].member) key += `|m:${p.id}`;
  } else {
    for (const id in state.partners) if (state.partners[id].member) key += `|m:${id}`;
  }
  return key;
}

/**
 * Whether a state's partners are keyed exactly by the scenario's partners, in scenario
 * order (as `createState` and `cloneState` make them). (Not memoised: a memo per partners
 * object bought nothing measurable in `npm run bench`; docs/architecture.md.)
 */
function inScenarioOrder(scenario: Scenario, partners: Record<string, PartnerState>): boolean {
  const keys = Object.keys(partners);
  return keys.length === scenario.partners.length && keys.every((id, i) => id === scenario.partners[i].id);
}

/** Per-state memo: a state object asks the same question many times within one step. */
const stateMemo = new WeakMap<GameState, { view: YearView; generation: number; key: string }>();
/**
 * The view key of a state whose year just moved on (see `advanceView`), so it is not
 * rebuilt, with the view of the year before, whose successor it names.
 */
const keyHint = new WeakMap<GameState, { key: string; previous: YearView }>();

/**
 * The view a state had before `change` changed it, for a state whose partners are in
 * scenario order (see `changeView`).
 */
const changeHint = new WeakMap<GameState, { change: object; previous: YearView }>();

/** Forget the memo after a step changed members, enrolments or programme status in place. */
export function invalidateView(state: GameState): void {
  stateMemo.delete(state);
  keyHint.delete(state);
  changeHint.delete(state);
}

/**
 * `invalidateView` after `change` (an event's effect on members, enrolments or programme
 * status, an object of the scenario) was applied in place. Games of a scenario meet the
 * same effects in the same views, and the key after an effect follows from the key before
 * it and the effect alone (when the partners are in scenario order, the members' order in
 * the key is the scenario's), so the view it leads to is remembered and found again
 * without building the key.
 */
export function changeView(scenario: Scenario, state: GameState, change: object): void {
  const memo = stateMemo.get(state);
  const cache = viewCache.get(scenario);
  if (!memo || memo.generation !== cache?.generation || !inScenarioOrder(scenario, state.partners)) {
    invalidateView(state);
    return;
  }
  const next = cache.changed.get(memo.view)?.get(change);
  if (next) moveMemo(memo, next);
  else {
    invalidateView(state);
    // Learnt at once, so that the next change, perhaps of the same answer, starts from a known view.
    changeHint.set(state, { change, previous: memo.view });
    yearView(scenario, state);
  }
}

/**
 * Forget the memo after the year moved on from `previousYear` and nothing else the view
 * depends on changed (the end of a turn): the next key is the last one with the new year.
 */
export function advanceView(scenario: Scenario, state: GameState, previousYear: number): void {
  const memo = stateMemo.get(state);
  if (!memo) return invalidateView(state);
  const cache = viewCache.get(scenario);
  // Games of a scenario go from year to year through the same views: the step is known.
  const next = memo.generation === cache?.generation ? cache.next.get(memo.view) : undefined;
  if (next) moveMemo(memo, next);
  else {
    invalidateView(state);
    keyHint.set(state, { key: String(state.year) + memo.key.slice(String(previousYear).length), previous: memo.view });
  }
}

/**
 * A state's memo moved on to the view its change leads to, in place: what `invalidateView`
 * then setting a new memo would leave (a state with a memo has no hints, which `yearView`
 * drops as it sets one), without the weak maps' deletes and sets twice a turn for every game.
 */
function moveMemo(memo: { view: YearView; key: string }, next: { view: YearView; key: string }): void {
  memo.view = next.view;
  memo.key = next.key;
}

/**
 * What `invalidateView` followed by `yearView` gives when nothing the view depends on has
 * changed: the memo is still the cached view for the state's key unless the cache was
 * cleared since, so only then is the view looked up again.
 */
export function revalidateView(scenario: Scenario, state: GameState): void {
  const memo = stateMemo.get(state);
  if (memo && memo.generation !== viewCache.get(scenario)?.generation) stateMemo.delete(state);
}

export function yearView(scenario: Scenario, state: GameState): YearView {
  const memo = stateMemo.get(state);
  if (memo) return memo.view;
  let cache = viewCache.get(scenario);
  if (!cache) viewCache.set(scenario, (cache = { views: new Map(), generation: 0, next: new Map(), changed: new Map() }));
  const hint = keyHint.get(state);
  const changed = changeHint.get(state);
  const key = hint?.key ?? viewKey(scenario, state);
  keyHint.delete(state);
  changeHint.delete(state);
  const view = computeYearView(scenario, state, cache, key);
  stateMemo.set(state, { view, generation: cache.generation, key });
  if (hint && cache.views.get(key) === view) cache.next.set(hint.previous, { view, key });
  if (changed && cache.views.get(key) === view) {
    let after = cache.changed.get(changed.previous);
    if (!after) cache.changed.set(changed.previous, (after = new Map()));
    after.set(changed.change, { view, key });
  }
  return view;
}

function computeYearView(scenario: Scenario, state: GameState, cache: ViewCache, key: string): YearView {
  let view = cache.views.get(key);
  if (view) return view;
  const index = indexOf(scenario);
  const n = scenario.partners.length;
  const active = scenario.partners.filter((p) => !state.partners[p.id].member && frameworksOf(scenario, state, p.id).size > 0);
  const programmes = scenario.programmes.filter((p) => programmeActive(scenario, state, p));
  const offers = new Map<string, Programme[][]>();
  const overlapPairs = new Map<string, number[]>();
  const isActive = new Uint8Array(n);
  const offerMask = new Uint8Array(n);
  const pairs = new Int32Array(n * FOCUS_COUNT);
  for (const partner of active) {
    const at = index.position.get(partner.id)!;
    isActive[at] = 1;
    const open = programmes.filter((p) => eligible(scenario, state, p, partner.id));
    const byFocus: Programme[][] = [];
    const pairsByFocus: number[] = [];
    offers.set(partner.id, byFocus);
    overlapPairs.set(partner.id, pairsByFocus);
    for (const focus of FOCUS_AREAS) {
      const offering = open.filter((p) => p.focus.includes(focus));
      byFocus.push(offering);
      let count = 0;
      for (let i = 0; i < offering.length; i++) {
        for (let j = i + 1; j < offering.length; j++) {
          if (offering[i].overlaps.includes(offering[j].id) || offering[j].overlaps.includes(offering[i].id)) count++;
        }
      }
      pairsByFocus.push(count);
      if (offering.length) offerMask[at] |= 1 << FOCUS_INDEX[focus];
      pairs[at * FOCUS_COUNT + FOCUS_INDEX[focus]] = count;
    }
  }
  view = {
    active,
    activeIds: new Set(active.map((p) => p.id)),
    programmes,
    upkeepRate: programmes.reduce((sum, p) => sum + p.upkeep, 0),
    offers,
    overlapPairs,
    isActive,
    offerMask,
    pairs,
    order: Int32Array.from(active, (p) => index.position.get(p.id)!),
    requests: Object.freeze(active.map((p) => Object.freeze({ partner: p.id, focus: index.topRequest[index.position.get(p.id)!] }))) as Briefing['requests'],
    courting: courtingIn(scenario, active),
    pushing: scenario.allies
      .map((ally) => ({ ally: ally.id, favourites: ally.favourites.filter((id) => isActive[index.position.get(id) ?? -1] === 1) }))
      .filter((push) => push.favourites.length > 0),
  };
  // Bounded: a long-running browser session must not grow this without limit.
  if (cache.views.size > 256) {
    cache.views.clear();
    cache.next.clear();
    cache.changed.clear();
    cache.generation++;
  }
  cache.views.set(key, view);
  return view;
}

/** `YearView.courting` for the year's active partners: competitors in order, each's regions in order. */
function courtingIn(scenario: Scenario, active: readonly Partner[]): Courting[] {
  const out: Courting[] = [];
  for (const competitor of COMPETITORS) {
    for (const region of REGIONS) {
      const budget = scenario.competitors[competitor][region];
      const courted = active.filter((p) => p.courtedBy === competitor && p.region === region);
      if (budget <= 0 || !courted.length) continue;
      // Competitors concentrate: each year they court up to three partners, not everyone.
      const targets = Math.min(3, courted.length);
      out.push({ competitor, courted, targets, perTarget: budget / targets });
    }
  }
  return out;
}

/** Where each allocation line points: partner position and focus index, −1 when unknown. */
export interface LinePlaces {
  at: number[];
  focus: number[];
}
/** Line places for one scenario; `known` when every line named a known partner and focus. */
export interface LinePlacesMemo extends LinePlaces {
  scenario: Scenario;
  known: boolean;
}

export function emptyPlaces(scenario: Scenario): LinePlacesMemo {
  return { scenario, at: [], focus: [], known: true };
}

/**
 * A copy of `line` with its amount times `factor`. The fields are written out rather than
 * spread: a line's copy is made for every seed whose envelope is smaller, and object spread
 * is markedly slower on that path.
 */
export function scaledLine(line: AllocationLine, factor: number): AllocationLine {
  const { partner, focus, amount, programme } = line;
  return programme === undefined ? { partner, focus, amount: amount * factor } : { partner, focus, amount: amount * factor, programme };
}

/**
 * A copy of `lines`, scaled by `factor`, for decisions read again and again (a logged
 * decision replayed over many seeds; `sealDecision` keeps its places with it). The copy
 * must never be changed; it is not frozen because V8 reads frozen lines markedly slower on
 * the hot path.
 */
export function sealLines(lines: readonly AllocationLine[], factor = 1): AllocationLine[] {
  const copy = new Array<AllocationLine>(lines.length);
  for (let i = 0; i < lines.length; i++) copy[i] = scaledLine(lines[i], factor);
  return copy;
}

/**
 * Where each line points. Worked out on each call: a memo per lines array bought nothing
 * measurable in `npm run bench` (docs/architecture.md); a bot's move and a sealed decision
 * bring their places along (see `DecisionFacts`).
 */
export function linePlaces(scenario: Scenario, lines: readonly AllocationLine[]): LinePlaces {
  const position = indexOf(scenario).position;
  const fresh = emptyPlaces(scenario);
  for (const line of lines) {
    const at = position.get(line?.partner) ?? -1;
    const focus = FOCUS_AREAS.indexOf(line?.focus);
    fresh.at.push(at);
    fresh.focus.push(focus);
    if (at < 0 || focus < 0) fresh.known = false;
  }
  return fresh;
}

/** What a decision's lines add up to, by partner position (see `sumLines`). */
export interface LineSums {
  /** Money per partner, all its lines. */
  fund: Float64Array;
  /** Money per partner × focus (position × FOCUS_COUNT + FOCUS_INDEX), positive lines only. */
  row: Float64Array;
  /** 0: no line; 1: lines but no money on any focus; 2: some money on a focus. */
  seen: Uint8Array;
  /** Positions of the partners in the order their first line comes. */
  fundedInOrder: number[];
  /** All the money, summed line by line. */
  allocated: number;
}

/** Sums `lines` (with their places) into `out`, whose arrays must be zero and long enough; returns `out`. */
export function sumLines(lines: readonly AllocationLine[], places: LinePlaces, out: LineSums): LineSums {
  const { fund, row, seen, fundedInOrder } = out;
  let allocated = 0;
  for (let i = 0; i < lines.length; i++) {
    const amount = lines[i].amount;
    const at = places.at[i];
    if (!seen[at]) {
      seen[at] = 1;
      fundedInOrder.push(at);
    }
    fund[at] += amount;
    allocated += amount;
    if (amount <= 0) continue;
    seen[at] = 2;
    row[at * FOCUS_COUNT + places.focus[i]] += amount;
  }
  out.allocated = allocated;
  return out;
}

/** Zeroed `LineSums` for `n` partners. */
export function emptySums(n: number): LineSums {
  return { fund: new Float64Array(n), row: new Float64Array(n * FOCUS_COUNT), seen: new Uint8Array(n), fundedInOrder: [], allocated: 0 };
}

/** Each partner's state by position (one lookup per partner instead of one per use). */
export function partnerStatesOf(scenario: Scenario, state: GameState): PartnerState[] {
  const partners = scenario.partners;
  const out: PartnerState[] = new Array(partners.length);
  for (let i = 0; i < partners.length; i++) out[i] = state.partners[partners[i].id];
  return out;
}

/** Partners NATO can fund this year: enrolled in some framework and not yet members. */
export function activePartners(scenario: Scenario, state: GameState): readonly Partner[] {
  return yearView(scenario, state).active;
}

export function programmeActive(scenario: Scenario, state: GameState, programme: Programme): boolean {
  const status = state.programmeStatus[programme.id];
  if (status === 'retired') return false;
  return status === 'active' || inYears(state.year, programme.from, programme.to);
}

export function activeProgrammes(scenario: Scenario, state: GameState): Programme[] {
  return yearView(scenario, state).programmes;
}

export function eligible(scenario: Scenario, state: GameState, programme: Programme, partnerId: string): boolean {
  if (programme.eligible.partners.includes(partnerId)) return true;
  const fw = frameworksOf(scenario, state, partnerId);
  return programme.eligible.frameworks.some((f) => fw.has(f));
}

const NONE: readonly Programme[] = [];

/** Active programmes that offer `focus` to the partner this year, in scenario order. */
export function programmesFor(scenario: Scenario, state: GameState, partnerId: string, focus: FocusArea): readonly Programme[] {
  return yearView(scenario, state).offers.get(partnerId)?.[FOCUS_INDEX[focus]] ?? NONE;
}

export const FOCUS_INDEX: Record<FocusArea, number> = { interop: 0, capacity: 1, integrity: 2, resilience: 3, dialogue: 4 };

/** What never changes about a partner during a game, worked out once for the hot path. */
export interface PartnerStatics {
  demand: Record<FocusArea, number>;
  /** `demand` indexed by FOCUS_INDEX. */
  shares: readonly number[];
  /** The sum of the shares' squares, added in FOCUS_INDEX order (the demand vector's squared length). */
  demandSquares: number;
  /** Bit mask (by FOCUS_INDEX) of the partner's two top demands. */
  topDemands: number;
  /** Multiplier from self-financing: a partner paying its own way makes NATO's money go further. */
  selfMultiplier: number;
  /** The absorption curve of the partner's capability tier, with thresholdᵏ worked out once. */
  threshold: number;
  gain: number;
  thresholdPow: number;
  /** How much the partner's progress counts: 0.1 + 0.9 × strategic weight. */
  weight: number;
}
/** A partner's statics; worked out once per scenario, in its index (`indexOf(scenario).statics`). */
export function partnerStatics(partner: Partner): PartnerStatics {
  const demand = demandShares(partner);
  const ranked = [...FOCUS_AREAS].sort((a, b) => demand[b] - demand[a]);
  const absorb = RULES.absorption[partner.capability];
  return {
    demand,
    shares: FOCUS_AREAS.map((f) => demand[f]),
    demandSquares: FOCUS_AREAS.reduce((sum, f) => sum + demand[f] * demand[f], 0),
    topDemands: (1 << FOCUS_INDEX[ranked[0]]) | (1 << FOCUS_INDEX[ranked[1]]),
    selfMultiplier: selfFinancingMultiplier(partner.selfFinancing),
    threshold: absorb.threshold,
    gain: absorb.gain,
    thresholdPow: absorb.threshold ** RULES.absorptionSteepness,
    weight: 0.1 + 0.9 * partner.strategicWeight,
  };
}

export function readiness(p: Pick<PartnerState, 'interoperability' | 'institutions' | 'stability' | 'defence'>): number {
  return (p.interoperability + p.institutions + p.stability + p.defence) / 4;
}

/**
 * Aspirants ready for membership. A member that joined during the game keeps the readiness
 * it had when it joined, so an accession decreed before the partner was ready does not count.
 */
export function readyAspirants(scenario: Scenario, state: GameState): number {
  let n = 0;
  for (const p of scenario.partners) {
    if (p.aspirant && readiness(state.partners[p.id]) >= READINESS_THRESHOLD) n++;
  }
  return n;
}

export function averageOf(scenario: Scenario, state: GameState, field: 'trust' | 'alignment'): number {
  const active = activePartners(scenario, state);
  if (!active.length) return 50;
  // Summed in the order of the year's partner list, as the rules always have.
  let sum = 0;
  for (let k = 0; k < active.length; k++) sum += state.partners[active[k].id][field];
  return sum / active.length;
}

export function emptyBriefing(year: number): Briefing {
  return { year, offers: [], pushes: [], requests: [] };
}

/** A fresh game at the start of a scenario's first year (before its briefing is drawn). */
export function createState(scenario: Scenario, seed: number): GameState {
  const partners: Record<string, PartnerState> = {};
  for (const p of scenario.partners) {
    partners[p.id] = {
      id: p.id,
      trust: p.trust,
      alignment: p.alignment,
      interoperability: p.interoperability,
      institutions: p.institutions,
      stability: p.stability,
      defence: p.defence,
      member: false,
      revealed: false,
      targeting: 0,
      gapRefused: false,
      tier: null,
      satisfaction: 0.5,
      lastFunding: 0,
    };
  }
  const { influence, ...alliance } = scenario.initial;
  return {
    version: STATE_VERSION,
    scenarioId: scenario.id,
    era: scenario.era,
    year: scenario.start,
    seed,
    rng: seedState(seed),
    share: scenario.budget.share,
    policy: 'equal',
    alliance: { ...alliance },
    influence: { russia: { ...influence.russia }, china: { ...influence.china } },
    partners,
    enrolled: {},
    programmeStatus: {},
    reform: { upkeepFactor: 1, disruption: 0, strategic: false, goalBonus: 0 },
    budgetFactor: 1,
    briefing: emptyBriefing(scenario.start),
    pendingEvents: [],
    fired: [],
    turns: [],
    log: [],
    strategy: null,
    finished: false,
  };
}

/**
 * Copy for the next step of the rules. Everything a step may change is copied; the
 * append-only history (turn records, fired events, the decision log) is shared up to its
 * last entry, which is what keeps thousands of simulated eras a second affordable. A step
 * that edits the latest turn record copies it first (see `lastRecordForEdit`).
 */
export function cloneState(state: GameState): GameState {
  const partners: Record<string, PartnerState> = {};
  for (const id in state.partners) partners[id] = { ...state.partners[id] };
  const enrolled: Record<string, string[]> = {};
  for (const id in state.enrolled) enrolled[id] = [...state.enrolled[id]];
  return {
    ...state,
    alliance: { ...state.alliance },
    influence: { russia: { ...state.influence.russia }, china: { ...state.influence.china } },
    partners,
    enrolled,
    programmeStatus: { ...state.programmeStatus },
    reform: { ...state.reform },
    pendingEvents: [...state.pendingEvents],
    fired: [...state.fired],
    turns: [...state.turns],
    log: [...state.log],
  };
}

/** The self-financing multiplier of money reaching a partner who pays `share` of its own activities. */
export function selfFinancingMultiplier(share: number): number {
  return 1 + Math.min(3, share / Math.max(0.05, 1 - share));
}

/** The latest turn record of a cloned state, itself copied so the previous state keeps its own. */
export function lastRecordForEdit(state: GameState): TurnRecord | undefined {
  const i = state.turns.length - 1;
  if (i < 0 || state.turns[i].year !== state.year) return undefined;
  const r = state.turns[i];
  return (state.turns[i] = { ...r, events: [...r.events], drivers: [...r.drivers] });
}

/** Normalised demand profile of a partner (weights add up to 1). */
export function demandShares(partner: Partner): Record<FocusArea, number> {
  const total = FOCUS_AREAS.reduce((s, f) => s + partner.demand[f], 0) || 1;
  const out = {} as Record<FocusArea, number>;
  for (const f of FOCUS_AREAS) out[f] = partner.demand[f] / total;
  return out;
}

export type { PolicyAction, TurnDecision };
