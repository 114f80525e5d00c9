/**
 * Bot policies that play NATO's seat for the simulator, the balancer and the engine's
 * stand-in for roles nobody holds. They see what a player sees: strategic weights only
 * once revealed, otherwise a public estimate from region, aspiration and the era's goal.
 *
 * - `equal`: NATO's historical practice — equal treatment, money follows partners' demands.
 * - `prioritise`: declare tiers by (estimated) strategic weight, request gap analyses of
 *   the likeliest priorities, and buy what serves the era's goal.
 * - `random`: any legal decision, for a floor.
 */
import { FOCUS_AREAS, FOCUS_COUNT, REGIONS } from './constants';
import type { FocusArea, Partner, Scenario } from './scenario';
import {
  demandShares,
  emptyPlaces,
  emptySums,
  indexOf,
  yearView,
  FOCUS_INDEX,
  type GameState,
  type LinePlacesMemo,
  type Briefing,
  type Tier,
  type YearView,
} from './state';
import { RULES } from './rules';
import { overlapPairsOf } from './upkeep';
import { actionCost, availableFor, decisionCost, type AllocationLine, type DecisionFacts, type PolicyAction, type TurnDecision } from './decision';
import { Rng, seedState } from './rng';

export type PolicyName = 'equal' | 'prioritise' | 'random';
export const POLICY_NAMES: readonly PolicyName[] = ['equal', 'prioritise', 'random'];

export type Policy = (scenario: Scenario, state: GameState, rng: Rng) => TurnDecision;

/** A bot's decision with what it knows of its own lines and tiers (see `DecisionFacts`). */
export interface BotMove {
  decision: TurnDecision;
  facts: DecisionFacts;
}
type Bot = (scenario: Scenario, state: GameState, rng: Rng, bare?: boolean) => BotMove;

/**
 * What the bots read of each partner again and again, by position in `scenario.partners`:
 * its public weight estimate (before any reveal) and the goal-led weights of what to buy.
 */
interface PolicyIndex {
  estimate: Float64Array;
  /** By position × FOCUS_COUNT + FOCUS_INDEX: 0.75 × the era goal's fit + 0.25 × the partner's demand. */
  goalWeights: Float64Array;
}
/** Worked out on each call: a per-scenario cache of it bought nothing measurable in `npm run bench` (docs/architecture.md). */
function policyIndexOf(scenario: Scenario): PolicyIndex {
  const n = scenario.partners.length;
  const goalWeights = new Float64Array(n * FOCUS_COUNT);
  scenario.partners.forEach((p, i) => {
    const demand = demandShares(p);
    FOCUS_AREAS.forEach((f, j) => (goalWeights[i * FOCUS_COUNT + j] = 0.75 * scenario.goalFit[f] + 0.25 * demand[f]));
  });
  return { estimate: Float64Array.from(scenario.partners, (p) => publicEstimate(scenario, p)), goalWeights };
}

/** Lines being written, with the place of each (see `DecisionFacts`). */
interface Draft {
  lines: AllocationLine[];
  places: LinePlacesMemo;
  /** Lines written so far (the arrays are sized for the most there can be, and cut to this at the end). */
  count: number;
}

/** A draft for lines to the year's partners: at most one per partner and focus. */
function draft(scenario: Scenario, view: YearView): Draft {
  const most = view.active.length * FOCUS_COUNT;
  const places = emptyPlaces(scenario);
  places.at = new Array<number>(most);
  places.focus = new Array<number>(most);
  return { lines: new Array<AllocationLine>(most), places, count: 0 };
}

/** Cuts a draft's arrays to the lines written. */
function cut(out: Draft): void {
  out.lines.length = out.places.at.length = out.places.focus.length = out.count;
}

/**
 * Appends lines splitting `amount` over the focus areas the partner can be funded for, by
 * `weights[from + FOCUS_INDEX]`.
 */
function linesFor(out: Draft, view: YearView, at: number, partner: string, amount: number, weights: ArrayLike<number>, from: number): void {
  const offered = view.offerMask[at];
  let total = 0;
  let open = 0;
  for (let f = 0; f < FOCUS_COUNT; f++) {
    if (weights[from + f] > 0 && offered & (1 << f)) {
      total += weights[from + f];
      open++;
    }
  }
  if (!open || total <= 0 || amount <= 0) return;
  const { lines, places } = out;
  for (let f = 0; f < FOCUS_COUNT; f++) {
    if (weights[from + f] > 0 && offered & (1 << f)) {
      const i = out.count++;
      lines[i] = { partner, focus: FOCUS_AREAS[f], amount: (amount * weights[from + f]) / total };
      places.at[i] = at;
      places.focus[i] = f;
    }
  }
}

/** Fitted lines, with their places and the overlapping pairs they use in `view`. */
interface Fitted {
  lines: AllocationLine[];
  facts: DecisionFacts;
}

/**
 * Takes lines built for one unit of money and scales them to what is left after upkeep and
 * the overlaps those very lines cause (overlaps depend on which lines exist, not amounts).
 */
function fit(scenario: Scenario, state: GameState, share: number, out: Draft, tierAt: Uint8Array | null = null): Fitted {
  cut(out);
  const { lines, places } = out;
  const view = yearView(scenario, state);
  let used = 0;
  for (const line of lines) used += line.amount;
  let pairs = overlapPairsOf(scenario, view, lines, places);
  if (used > 0) {
    const room = Math.max(0, availableFor(scenario, state, view, share, pairs)) * 0.9999;
    let emptied = false;
    for (const line of lines) {
      const before = line.amount;
      line.amount = (before * room) / used;
      if (before > 0 && !(line.amount > 0)) emptied = true;
    }
    // Only lines with money count their overlaps: recount if scaling left one empty.
    if (emptied) pairs = overlapPairsOf(scenario, view, lines, places);
  }
  return { lines, facts: { places, tierAt, view, pairs } };
}

/**
 * Lines that are the same in every game of a year view but for their money: who and what
 * each line funds, its overlapping programme pairs (each line is a partner × focus of its
 * own), and its read-only places. A game adds only its money (see `withMoney`).
 */
interface LinePlan {
  partner: string[];
  focus: FocusArea[];
  /** Overlapping programme pairs of the line's partner × focus (each is on one line only). */
  pairs: Int32Array;
  places: LinePlacesMemo;
  /** Positions of the partners with lines, in the order of their first line (read-only). */
  funded: number[];
}

/** A plan's lines and places, from a draft's lines (cut to its count). */
function linePlanOf(view: YearView, { lines, places }: Draft): LinePlan {
  return {
    partner: lines.map((l) => l.partner),
    focus: lines.map((l) => l.focus),
    pairs: Int32Array.from(lines, (_, i) => view.pairs[places.at[i] * FOCUS_COUNT + places.focus[i]]),
    places,
    funded: places.at.filter((at, i) => i === 0 || places.at[i - 1] !== at),
  };
}

/** Each line's money for one unit, as `linesFor` gives it, with the sum and the overlaps of the lines with money. */
interface UnitMoney {
  raw: Float64Array;
  used: number;
  pairs: number;
}

/**
 * What the equal-treatment bot's lines are in one year view, whatever the game: one line
 * per active partner and focus it asks for that is on offer, in the view's partner order,
 * each with the partner's demand share of the focus and the sum of its open shares (added
 * in focus order, as `linesFor` adds them). Only the money differs between games: who the
 * Allies push, which decides the lines' money for one unit (`byPushed`), and the envelope,
 * which scales it. Every game in the view shares the plan and its read-only places.
 */
interface EvenPlan extends LinePlan {
  /** The partner's demand share of the line's focus, and the sum of its open shares. */
  weight: Float64Array;
  total: Float64Array;
  /**
   * The lines' money for one unit, by the pushed partners' places in `view.active` (as
   * `pushedKey` writes them): there are three Allies, so a year sees few such sets.
   */
  byPushed: Map<string, UnitMoney>;
}
const evenPlans = new WeakMap<YearView, EvenPlan>();

function evenPlanOf(scenario: Scenario, view: YearView): EvenPlan {
  let plan = evenPlans.get(view);
  if (plan) return plan;
  const statics = indexOf(scenario).statics;
  const out = draft(scenario, view);
  for (let k = 0; k < view.active.length; k++) linesFor(out, view, view.order[k], view.active[k].id, 1, statics[view.order[k]].shares, 0);
  cut(out);
  const { places, count } = out;
  const weight = new Float64Array(count);
  const total = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const shares = statics[places.at[i]].shares;
    weight[i] = shares[places.focus[i]];
    let sum = 0;
    for (let f = 0; f < FOCUS_COUNT; f++) if (shares[f] > 0 && view.offerMask[places.at[i]] & (1 << f)) sum += shares[f];
    total[i] = sum;
  }
  // Spelled out, not spread: a spread object's properties are read markedly slower on the hot path.
  const lined = linePlanOf(view, out);
  plan = { partner: lined.partner, focus: lined.focus, pairs: lined.pairs, places: lined.places, funded: lined.funded, weight, total, byPushed: new Map() };
  evenPlans.set(view, plan);
  return plan;
}

/**
 * Each line's money for one unit, as `linesFor` gives it (`total` is the sum of every
 * active partner's weight: 1.2 when pushed, else 1), and its overlaps, as `fit` counts them.
 */
function unitMoney(plan: EvenPlan, pushed: Uint8Array, total: number): UnitMoney {
  const count = plan.partner.length;
  const at = plan.places.at;
  const raw = new Float64Array(count);
  let used = 0;
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    const amount = (((pushed[at[i]] ? 1.2 : 1) / total) * plan.weight[i]) / plan.total[i];
    raw[i] = amount;
    used += amount;
    // Only lines with money count their overlaps (see `overlapPairsOf`).
    if (amount > 0) pairs += plan.pairs[i];
  }
  return { raw, used, pairs };
}

/**
 * Per-call scratch of `evenLines`, reused because calls never nest (typed arrays are slow
 * to allocate): whether an Ally pushes each partner (by position).
 */
let pushedScratch = new Uint8Array(0);
/**
 * The sums of a bot's last lines (see `LineSums`), handed on in its facts: they describe
 * its latest move only, which the simulator plays before the bot moves again.
 */
let sumsScratch = emptySums(0);

/**
 * `allocateEvenly` with the lines' facts: the view's plan with this game's money. Amounts
 * are worked out as `linesFor` and `fit` work them out, in the same order, so they are the
 * same to the last bit; only the line objects are made once, with their final amounts.
 */
function evenLines(scenario: Scenario, state: GameState, share: number): Fitted {
  const view = yearView(scenario, state);
  const plan = evenPlanOf(scenario, view);
  const partners = view.active;
  const position = indexOf(scenario).position;
  const n = scenario.partners.length;
  if (pushedScratch.length < n) pushedScratch = new Uint8Array(n);
  const pushed = pushedScratch.fill(0, 0, n);
  for (const push of state.briefing.pushes) {
    const at = position.get(push.partner);
    if (at !== undefined) pushed[at] = 1;
  }
  // Keep pushed partners inside the ±25 % band of the mean share.
  const order = view.order;
  let total = 0;
  let key = '';
  for (let k = 0; k < partners.length; k++) {
    if (pushed[order[k]]) {
      total += 1.2;
      key += `${k},`;
    } else total += 1;
  }
  let unit = plan.byPushed.get(key);
  if (!unit) {
    unit = unitMoney(plan, pushed, total);
    // Bounded, though three Allies' pushes give few sets a year.
    if (plan.byPushed.size >= 4096) plan.byPushed.clear();
    plan.byPushed.set(key, unit);
  }
  return withMoney(scenario, state, share, view, plan, unit, null);
}

/**
 * A plan's lines with this game's money: each line's money for one unit scaled to what is
 * left of the envelope after upkeep and the lines' overlaps, as `fit` scales it (same
 * arithmetic, same order, so the same to the last bit), and the lines summed as `sumLines`
 * sums them, for the facts.
 */
function withMoney(scenario: Scenario, state: GameState, share: number, view: YearView, plan: LinePlan, unit: UnitMoney, tierAt: Uint8Array | null): Fitted {
  const n = scenario.partners.length;
  const { raw, used } = unit;
  let pairs = unit.pairs;
  const count = plan.partner.length;
  const at = plan.places.at;
  let room = 0;
  if (used > 0) {
    room = Math.max(0, availableFor(scenario, state, view, share, pairs)) * 0.9999;
    pairs = 0;
  }
  // The lines, summed as `sumLines` sums them (a plan has one line per partner and focus).
  if (sumsScratch.seen.length < n) sumsScratch = emptySums(n);
  const { fund, row, seen } = sumsScratch;
  fund.fill(0, 0, n);
  row.fill(0, 0, n * FOCUS_COUNT);
  seen.fill(0, 0, n);
  const focus = plan.places.focus;
  let allocated = 0;
  const lines = new Array<AllocationLine>(count);
  for (let i = 0; i < count; i++) {
    const amount = used > 0 ? (raw[i] * room) / used : raw[i];
    lines[i] = { partner: plan.partner[i], focus: plan.focus[i], amount };
    const p = at[i];
    fund[p] += amount;
    allocated += amount;
    if (amount > 0) {
      seen[p] = 2;
      row[p * FOCUS_COUNT + focus[i]] = amount;
      // Recounted after scaling: a line scaling left empty no longer counts its overlaps.
      if (used > 0) pairs += plan.pairs[i];
    } else if (!seen[p]) seen[p] = 1;
  }
  sumsScratch.fundedInOrder = plan.funded;
  sumsScratch.allocated = allocated;
  return { lines, facts: { places: plan.places, tierAt, sums: sumsScratch, view, pairs } };
}

/**
 * Equal shares for every partner, each spent on what the partner asks for; partners an
 * Ally pushes this year get a fifth more, as far as equal treatment allows (NATO's
 * deeper ties have often followed a lobbying Ally).
 */
export function allocateEvenly(scenario: Scenario, state: GameState, share: number): AllocationLine[] {
  return evenLines(scenario, state, share).lines;
}

const equalBot: Bot = (scenario, state) => {
  const share = scenario.budget.share;
  const { lines, facts } = evenLines(scenario, state, share);
  return { decision: { share, policy: 'equal', allocations: lines, actions: [] }, facts };
};

/**
 * What a player can believe of a partner's strategic weight: the true value once revealed,
 * otherwise an estimate from what the partner card shows — its region's weight in the era,
 * membership aspiration, capability, and how well what it asks for serves the era's goal.
 */
export function estimatedWeight(scenario: Scenario, state: GameState, partner: Partner): number {
  if (state.partners[partner.id].revealed) return partner.strategicWeight;
  return publicEstimate(scenario, partner);
}

function publicEstimate(scenario: Scenario, partner: Partner): number {
  const demand = demandShares(partner);
  let fit = 0;
  for (const f of FOCUS_AREAS) fit += demand[f] * scenario.goalFit[f];
  const capability = partner.capability === 'high' ? 0.1 : partner.capability === 'mid' ? 0.05 : 0;
  return 0.05 + 0.45 * scenario.regionWeight[partner.region] + (partner.aspirant ? 0.2 : 0) + 0.25 * fit + capability;
}

/** `estimatedWeight` of each active partner, in the order of `view.active`. */
function activeEstimates(scenario: Scenario, state: GameState, view: YearView): number[] {
  const { estimate } = policyIndexOf(scenario);
  const order = view.order;
  const out: number[] = [];
  for (let k = 0; k < view.active.length; k++) {
    const p = view.active[k];
    out.push(state.partners[p.id].revealed ? p.strategicWeight : estimate[order[k]]);
  }
  return out;
}

/** Tiers by estimated strategic weight: the top 30 % first, the next 30 % second. */
export function tiersByWeight(scenario: Scenario, state: GameState): Record<string, Tier> {
  const view = yearView(scenario, state);
  const weights = activeEstimates(scenario, state, view);
  return tiersRecord(view, tiersFrom(scenario, view, rankByWeight(weights)));
}

/**
 * Positions in `view.active`, heaviest estimate first; ties keep list order (a stable
 * insertion sort: the lists are a few dozen long, where it beats the built-in sort and
 * its comparator calls).
 */
function rankByWeight(weights: readonly number[]): number[] {
  const ranked: number[] = [];
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k];
    let i = k;
    while (i > 0 && weights[ranked[i - 1]] < w) {
      ranked[i] = ranked[i - 1];
      i--;
    }
    ranked[i] = k;
  }
  return ranked;
}

/**
 * `tiersByWeight` by position in `view.active`, from the ranking of its estimates. Each
 * region's ranking is the overall one filtered to the region (the sort is stable).
 */
function tiersFrom(scenario: Scenario, view: YearView, ranked: readonly number[]): Uint8Array {
  const partners = view.active;
  const tierAt = new Uint8Array(partners.length);
  let anyFirst = false;
  // Each region gets tier places in proportion to its weight in the era, so priorities
  // follow the era's goal rather than one region's loudest partners.
  const totalWeight = REGIONS.reduce((s, r) => s + scenario.regionWeight[r], 0) || 1;
  for (const region of REGIONS) {
    let inRegion = 0;
    for (let k = 0; k < partners.length; k++) if (partners[k].region === region) inRegion++;
    const places = (partners.length * scenario.regionWeight[region]) / totalWeight;
    const n1 = Math.min(inRegion, Math.round(places * 0.3));
    const n2 = Math.min(inRegion - n1, Math.round(places * 0.3));
    let i = 0;
    for (const k of ranked) {
      if (partners[k].region !== region) continue;
      const tier: Tier = i < n1 ? 1 : i < n1 + n2 ? 2 : 3;
      tierAt[k] = tier;
      if (tier === 1) anyFirst = true;
      i++;
    }
  }
  if (partners.length && !anyFirst) {
    // The heaviest partner, the first of equals in list order.
    tierAt[ranked[0]] = 1;
  }
  return tierAt;
}

/**
 * Tiers by position in `view.active` as the decision's record. Keys come in the year's
 * partner order, whatever the ranking, so the record (in logs, saves and `sim --json`)
 * reads in the same order as the partner list.
 */
function tiersRecord(view: YearView, tierAt: Uint8Array): Record<string, Tier> {
  const partners = view.active;
  const tiers: Record<string, Tier> = {};
  for (let k = 0; k < partners.length; k++) tiers[partners[k].id] = tierAt[k] as Tier;
  return tiers;
}

/** Tiers by position in `view.active` as tiers by partner position in the scenario (0: not active). */
function tiersByPosition(scenario: Scenario, view: YearView, tierAt: Uint8Array): Uint8Array {
  const order = view.order;
  const out = new Uint8Array(scenario.partners.length);
  for (let k = 0; k < tierAt.length; k++) out[order[k]] = tierAt[k];
  return out;
}

const DIALOGUE_ONLY = [0, 0, 0, 0, 1];

/** Share of the money for each tier (index 1–3), before empty tiers pass theirs up. */
const TIER_SLICE = [0, 0.72, 0.23, 0.05];

/** Money by tier (72 / 23 / 5 %), spent mostly on what serves the era's goal. */
export function allocateByTiers(scenario: Scenario, state: GameState, share: number, tiers: Record<string, Tier>): AllocationLine[] {
  const partners = yearView(scenario, state).active;
  // Each partner's tier (3 when left out), read once.
  const tierAt = new Uint8Array(partners.length);
  for (let k = 0; k < partners.length; k++) tierAt[k] = tiers[partners[k].id] ?? 3;
  return tierLines(scenario, state, share, tierAt).lines;
}

/** `allocateByTiers` with each tier by position in the year's partner list (1–3). */
function tierLines(scenario: Scenario, state: GameState, share: number, tierAt: Uint8Array): Fitted {
  return fit(scenario, state, share, tierDraft(scenario, yearView(scenario, state), tierAt));
}

/** The lines of `allocateByTiers` for one unit of money, before `fit` scales them. */
function tierDraft(scenario: Scenario, view: YearView, tierAt: Uint8Array): Draft {
  const partners = view.active;
  const order = view.order;
  const { goalWeights } = policyIndexOf(scenario);
  const count = [0, 0, 0, 0];
  for (let k = 0; k < partners.length; k++) count[tierAt[k]]++;
  // Money of an empty tier goes to the tiers above it.
  let norm = 0;
  for (let t = 1; t <= 3; t++) if (count[t] > 0) norm += TIER_SLICE[t];
  norm ||= 1;
  const out = draft(scenario, view);
  for (let k = 0; k < partners.length; k++) {
    const at = order[k];
    const tier = tierAt[k];
    const amount = TIER_SLICE[tier] / norm / count[tier];
    // The last tier keeps political dialogue only, where it is on offer.
    const dialogueOnly = tier === 3 && (view.offerMask[at] & (1 << FOCUS_INDEX.dialogue)) !== 0;
    if (dialogueOnly) linesFor(out, view, at, partners[k].id, amount, DIALOGUE_ONLY, 0);
    else linesFor(out, view, at, partners[k].id, amount, goalWeights, at * FOCUS_COUNT);
  }
  return out;
}

/**
 * The prioritising bot's lines and tiers in one year view, for one set of revealed
 * partners and one set of pushed partners: its beliefs of the partners' weights follow
 * from who is revealed, its ranking and tiers from those, the tiers it declares from
 * those and who the Allies push, and its lines for one unit of money from the tiers.
 * Only the money (the envelope, upkeep and reform of the game) and its actions (each
 * partner's gap analyses so far) differ between games, so a year view keeps what each
 * such set comes to, and games share it: a year sees few sets (hundreds at most, against
 * tens of thousands of games).
 */
interface TierMove {
  /** The first tier's positions in `view.active`, heaviest estimate first (see `rankByWeight`). */
  firsts: number[];
  /** Declared tier by position in `view.active` (read-only). */
  tierAt: Uint8Array;
  plan: TierPlan;
}

/** The lines of one set of declared tiers in a year view, with their money for one unit. */
interface TierPlan extends LinePlan {
  unit: UnitMoney;
  /** Declared tier by partner position in the scenario, 0 when not active (read-only, for the facts). */
  tierAt: Uint8Array;
}

interface TierMoves {
  /** By the revealed partners' and then the pushed partners' places (see `prioritiseBot`). */
  bySets: Map<string, TierMove>;
  /** By declared tiers, one digit a partner in `view.active` (different sets may declare the same tiers). */
  byTiers: Map<string, TierPlan>;
}
const tierMoves = new WeakMap<YearView, TierMoves>();

/** Caches keep at most this many entries; three Allies' pushes and a few gap analyses give far fewer a year. */
const MOVES_PER_VIEW = 4096;

/**
 * The bot's ranking, tiers and lines for the revealed partners `revealed` (flags by position
 * in `view.active`) and the briefing's pushes, worked out as `tiersByWeight`, the pushes
 * and `allocateByTiers` work them out.
 */
function tierMoveOf(scenario: Scenario, view: YearView, moves: TierMoves, revealed: Uint8Array, pushes: Briefing['pushes']): TierMove {
  const { estimate } = policyIndexOf(scenario);
  const order = view.order;
  const weights: number[] = [];
  for (let k = 0; k < view.active.length; k++) weights.push(revealed[k] ? view.active[k].strategicWeight : estimate[order[k]]);
  const ranked = rankByWeight(weights);
  const tierAt = tiersFrom(scenario, view, ranked);
  // Consensus is the currency of priorities: partners an Ally pushes this year are raised
  // to the first tier, which keeps the Allies on board.
  const position = indexOf(scenario).position;
  for (const push of pushes) {
    const at = position.get(push.partner);
    if (at !== undefined && view.isActive[at]) tierAt[order.indexOf(at)] = 1;
  }
  const tiersKey = tierAt.join('');
  let plan = moves.byTiers.get(tiersKey);
  if (!plan) {
    const out = tierDraft(scenario, view, tierAt);
    cut(out);
    const lined = linePlanOf(view, out);
    const raw = Float64Array.from(out.lines, (l) => l.amount);
    // The sum and the overlaps as `fit` counts them before scaling.
    let used = 0;
    for (let i = 0; i < raw.length; i++) used += raw[i];
    const unit = { raw, used, pairs: overlapPairsOf(scenario, view, out.lines, out.places) };
    // Spelled out, not spread (see `evenPlanOf`).
    plan = { partner: lined.partner, focus: lined.focus, pairs: lined.pairs, places: lined.places, funded: lined.funded, unit, tierAt: tiersByPosition(scenario, view, tierAt) };
    if (moves.byTiers.size >= MOVES_PER_VIEW) moves.byTiers.clear();
    moves.byTiers.set(tiersKey, plan);
  }
  return { firsts: ranked.filter((k) => tierAt[k] === 1), tierAt, plan };
}

/** Per-call scratch of `prioritiseBot`: whether each partner in `view.active` is revealed (calls never nest). */
let revealedScratch = new Uint8Array(0);

const prioritiseBot: Bot = (scenario, state, _rng, bare = false) => {
  const share = scenario.budget.share;
  const view = yearView(scenario, state);
  const active = view.active;
  let moves = tierMoves.get(view);
  if (!moves) tierMoves.set(view, (moves = { bySets: new Map(), byTiers: new Map() }));
  // What the bot believes of each partner's weight depends on who is revealed; its tiers
  // on that and on whom the Allies push. The key names both sets.
  if (revealedScratch.length < active.length) revealedScratch = new Uint8Array(active.length);
  const revealed = revealedScratch;
  let key = '';
  for (let k = 0; k < active.length; k++) {
    const known = state.partners[active[k].id].revealed;
    revealed[k] = known ? 1 : 0;
    if (known) key += `${k},`;
  }
  key += '|';
  for (const push of state.briefing.pushes) key += `${push.partner},`;
  let move = moves.bySets.get(key);
  if (!move) {
    move = tierMoveOf(scenario, view, moves, revealed, state.briefing.pushes);
    if (moves.bySets.size >= MOVES_PER_VIEW) moves.bySets.clear();
    moves.bySets.set(key, move);
  }
  const { tierAt, plan } = move;
  const { lines, facts } = withMoney(scenario, state, share, view, plan, plan.unit, plan.tierAt);
  const decision: TurnDecision = bare ? { share, policy: 'priorities', allocations: lines, actions: [] } : { share, policy: 'priorities', tiers: tiersRecord(view, tierAt), allocations: lines, actions: [] };
  // A strategist ties the toolbox to the era's goal once the jungle gets thick.
  if (!state.reform.strategic && state.alliance.coherence < 50 && state.alliance.consensus >= 60) {
    decision.actions.push({ type: 'rationalise', mode: 'strategic', retire: [] });
  }
  // Gap analyses on the likeliest priorities (the first tier, heaviest first) while the
  // Allies' patience lasts.
  let asked = 0;
  const firsts = move.firsts;
  for (let r = 0; r < firsts.length && asked < RULES.maxActions; r++) {
    const p = active[firsts[r]];
    const ps = state.partners[p.id];
    if (ps.gapRefused || ps.targeting !== 0) continue;
    asked++;
    const action: PolicyAction = { type: 'gapAnalysis', partner: p.id };
    if (state.alliance.consensus - (decisionCost(state, decision) + actionCost(action)) >= 45) decision.actions.push(action);
  }
  return { decision, facts };
};

const randomBot: Bot = (scenario, state, rng, bare = false) => {
  const share = Math.round(rng.range(10, 20)) / 10;
  const view = yearView(scenario, state);
  const partners = view.active;
  const order = view.order;
  const chosen: number[] = [];
  for (let k = 0; k < partners.length; k++) if (rng.chance(0.7)) chosen.push(k);
  if (!chosen.length && partners.length) chosen.push(rng.int(partners.length));
  const raw = chosen.map(() => rng.range(0.2, 1));
  const focus: number[] = [];
  for (let i = 0; i < chosen.length; i++) {
    for (let f = 0; f < FOCUS_COUNT; f++) focus.push(rng.chance(0.5) ? rng.next() : 0);
  }
  const spend = rng.range(0.5, 1);
  const total = raw.reduce((a, b) => a + b, 0);
  const out = draft(scenario, view);
  for (let i = 0; i < chosen.length; i++) {
    const k = chosen[i];
    linesFor(out, view, order[k], partners[k].id, (spend * raw[i]) / total, focus, i * FOCUS_COUNT);
  }
  const tierAt = new Uint8Array(partners.length);
  for (let k = 0; k < partners.length; k++) tierAt[k] = 1 + rng.int(3);
  const { lines, facts } = fit(scenario, state, share, out, tiersByPosition(scenario, view, tierAt));
  const decision: TurnDecision = bare ? { share, policy: 'priorities', allocations: lines, actions: [] } : { share, policy: 'priorities', tiers: tiersRecord(view, tierAt), allocations: lines, actions: [] };
  if (rng.chance(0.3) && partners.length) {
    const action: PolicyAction = rng.chance(0.5)
      ? { type: 'gapAnalysis', partner: rng.pick(partners).id }
      : { type: 'rationalise', mode: rng.chance(0.7) ? 'managerial' : 'strategic', retire: [] };
    decision.actions.push(action);
  }
  return { decision, facts };
};

const BOTS: Record<PolicyName, Bot> = { equal: equalBot, prioritise: prioritiseBot, random: randomBot };

/**
 * A bot's move with the facts it vouches for, for the simulator, which plays the move at
 * once and never changes it (anything else takes the decision alone, from `POLICIES`).
 * `bare`: for a score-only run, which logs no decision, the tiers record is left out of
 * the decision (the facts carry the tiers).
 */
export function botMove(policy: PolicyName, scenario: Scenario, state: GameState, rng: Rng, bare = false): BotMove {
  return BOTS[policy](scenario, state, rng, bare);
}

export const equalPolicy: Policy = (scenario, state, rng) => equalBot(scenario, state, rng).decision;
export const prioritisePolicy: Policy = (scenario, state, rng) => prioritiseBot(scenario, state, rng).decision;
export const randomPolicy: Policy = (scenario, state, rng) => randomBot(scenario, state, rng).decision;

export const POLICIES: Record<PolicyName, Policy> = {
  equal: equalPolicy,
  prioritise: prioritisePolicy,
  random: randomPolicy,
};

/** A bot's own generator, apart from the game's, so bots never shift the game's dice. */
export function policyRng(seed: number): Rng {
  return new Rng(seedState(seed ^ 0x5bd1e995));
}

export { RULES };
