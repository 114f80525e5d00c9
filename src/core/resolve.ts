/**
 * Turn resolution (docs/rules.md; the plain statement of each rule is in src/core/rules/): the briefing's signals, then the planning decision played
 * out — envelope and share, upkeep first, coherence and overhead, diminishing returns by
 * capability tier, self-financing, partner satisfaction against demands and the equal
 * share, priorities, gap analyses, toolbox reform, the region's year (the world's dice),
 * competitors' committed offers, Allies' pushes and consensus, bilateral tracks and
 * relevance. Every change is recorded with its
 * drivers so the review phase can say why.
 */
import { ALLIANCE_METRICS, COMPETITORS, FOCUS_AREAS, FOCUS_COUNT, REGIONS, SHARE_STEP } from './constants';
import type { AllianceMetric, CompetitorId, Partner, Region, Scenario } from './scenario';
import {
  averageOf,
  clamp,
  cloneState,
  envelopeFor,
  indexOf,
  linePlaces,
  partnerStatesOf,
  programmesFor,
  readyAspirants,
  revalidateView,
  selfFinancingMultiplier,
  yearView,
  type Briefing,
  type Driver,
  type GameState,
  type PartnerState,
  type TurnRecord,
  lastRecordForEdit,
  invalidateView,
  emptySums,
  sumLines,
  FOCUS_INDEX,
  type LineSums,
  type Tier,
} from './state';
import { Rng, worldState } from './rng';
import { gapAcceptance, RULES } from './rules';
import { upkeepFor } from './upkeep';
import { decisionCost, overlapPairsFor, sealedFactsOf, validateDecision, type DecisionFacts, type Rejection, type TurnDecision } from './decision';

/** Draws the year's briefing: competitors' signalled offers, Allies' pushes, partners' requests. */
export function beginTurn(scenario: Scenario, state: GameState): GameState {
  const next = cloneState(state);
  beginTurnInPlace(scenario, next);
  return next;
}

/** `beginTurn` on a state the caller owns (the simulator's hot path avoids copies). */
export function beginTurnInPlace(scenario: Scenario, next: GameState): void {
  const rng = new Rng(next.rng);
  const view = yearView(scenario, next);
  // Requests follow from the year's partners alone, so every game shares the view's list.
  const briefing: Briefing = { year: next.year, offers: [], pushes: [], requests: view.requests };

  // Who each competitor courts in each region, in the order of the year's partner list.
  for (const { competitor, courted, targets, perTarget } of view.courting) {
    // The partners not drawn yet are the first `left` of `pool`, in list order.
    const pool = courted.slice();
    let left = pool.length;
    for (let i = 0; i < targets; i++) {
      const at = rng.int(left);
      const p = pool[at];
      for (let j = at + 1; j < left; j++) pool[j - 1] = pool[j];
      left--;
      briefing.offers.push({
        competitor,
        partner: p.id,
        amount: toCents(perTarget * rng.range(0.6, 1.4)),
        bluff: rng.chance(scenario.competitors.bluff),
      });
    }
  }
  for (const { ally, favourites } of view.pushing) briefing.pushes.push({ ally, partner: rng.pick(favourites) });
  next.briefing = briefing;
  next.rng = rng.state;
}

/**
 * `Number(v.toFixed(2))` without the string round trip. toFixed rounds the exact value of
 * v·100 half up; `Math.round` of the computed v·100 gives the same integer unless that
 * product sits within its rounding error of a half, where the string route decides.
 */
function toCents(v: number): number {
  const c = v * 100;
  if (v >= 0 && c < 1e9 && Math.abs(c - Math.floor(c) - 0.5) > 1e-6) return Math.round(c) / 100;
  return Number(v.toFixed(2));
}

function isActiveId(position: ReadonlyMap<string, number>, isActive: Uint8Array, id: string): boolean {
  const at = position.get(id);
  return at !== undefined && isActive[at] === 1;
}

export interface ResolutionReport {
  record: TurnRecord;
}

export type ResolveResult = { ok: true; state: GameState; report: ResolutionReport } | Rejection;

/** Ledger slot of each alliance metric; partners' trust and alignment and competitors' influence follow. */
const METRIC_SLOT = Object.fromEntries(ALLIANCE_METRICS.map((m, i) => [m, i])) as Record<AllianceMetric, number>;
const TRUST_SLOT = ALLIANCE_METRICS.length;
const INFLUENCE_SLOT = { russia: { east: 0, south: 1, global: 2 }, china: { east: 3, south: 4, global: 5 } } as const;

/**
 * An alliance metric read and written through named properties: one keyed access site for
 * seven metric names is slow on the hot path, and the ledger changes metrics many times a turn.
 */
function metricOf(a: Record<AllianceMetric, number>, metric: AllianceMetric): number {
  switch (metric) {
    case 'security':
      return a.security;
    case 'stabilityEast':
      return a.stabilityEast;
    case 'stabilitySouth':
      return a.stabilitySouth;
    case 'liberalOrder':
      return a.liberalOrder;
    case 'coherence':
      return a.coherence;
    case 'consensus':
      return a.consensus;
    case 'relevance':
      return a.relevance;
    default: {
      // Exhaustive: a new metric is a compile error here. At run time (unchecked input), the generic read.
      const other: never = metric;
      return (a as Record<string, number>)[other];
    }
  }
}

function setMetric(a: Record<AllianceMetric, number>, metric: AllianceMetric, value: number): void {
  switch (metric) {
    case 'security':
      a.security = value;
      break;
    case 'stabilityEast':
      a.stabilityEast = value;
      break;
    case 'stabilitySouth':
      a.stabilitySouth = value;
      break;
    case 'liberalOrder':
      a.liberalOrder = value;
      break;
    case 'coherence':
      a.coherence = value;
      break;
    case 'consensus':
      a.consensus = value;
      break;
    case 'relevance':
      a.relevance = value;
      break;
    default: {
      const other: never = metric;
      (a as Record<string, number>)[other] = value;
    }
  }
}

/** A regional figure read, or changed (within 0–100), through named properties, as `metricOf`. */
function inRegion(r: Record<Region, number>, region: Region): number {
  switch (region) {
    case 'east':
      return r.east;
    case 'south':
      return r.south;
    case 'global':
      return r.global;
    default: {
      const other: never = region;
      return (r as Record<string, number>)[other];
    }
  }
}

function addToRegion(r: Record<Region, number>, region: Region, delta: number): void {
  switch (region) {
    case 'east':
      r.east = clamp(r.east + delta);
      break;
    case 'south':
      r.south = clamp(r.south + delta);
      break;
    case 'global':
      r.global = clamp(r.global + delta);
      break;
    default: {
      const other: never = region;
      const any = r as Record<string, number>;
      any[other] = clamp(any[other] + delta);
    }
  }
}

/** Partner-level changes (trust, alignment, influence) smaller than this leave no review line. */
export const MINOR_CHANGE = 0.05;

/**
 * Adds a change to a metric and remembers why. Every alliance metric change is kept; a
 * partner's tiny changes are not worth a review line.
 */
class Ledger {
  drivers: Driver[] = [];
  /**
   * Changes to the same metric, cause and subject add up in one line. Each metric has a
   * numbered slot (see `slotOf*`) holding its first line, and lines of the same metric are
   * chained, so finding a line builds no key string.
   */
  private first: number[];
  private next: number[] = [];
  private partners: number;
  /**
   * @param keep whether to remember drivers at all: a score-only run (luck vs skill) has
   *   no review to explain, so it changes the metrics and writes no lines.
   */
  constructor(
    private state: GameState,
    partners: number,
    private keep = true,
  ) {
    this.partners = partners;
    this.first = keep ? new Array<number>(TRUST_SLOT + 2 * partners + 6).fill(-1) : [];
  }
  trustSlot(at: number): number {
    return TRUST_SLOT + at;
  }
  alignmentSlot(at: number): number {
    return TRUST_SLOT + this.partners + at;
  }
  influenceSlot(competitor: CompetitorId, region: Region): number {
    return TRUST_SLOT + 2 * this.partners + INFLUENCE_SLOT[competitor][region];
  }
  alliance(metric: AllianceMetric, delta: number, cause: Driver['cause'], subject?: string): void {
    if (!delta) return;
    const before = metricOf(this.state.alliance, metric);
    const after = clamp(before + delta);
    setMetric(this.state.alliance, metric, after);
    // Every change to an alliance metric is written down, however small, so that a turn's
    // drivers add up to each metric's change (the review's tiles and causes agree).
    if (this.keep && after !== before) this.add(METRIC_SLOT[metric], metric, after - before, cause, subject);
  }
  /** A partner-level or influence change; one below MINOR_CHANGE leaves no review line. */
  note(slot: number, metric: string, delta: number, cause: Driver['cause'], subject?: string): void {
    if (!this.keep || Math.abs(delta) < MINOR_CHANGE) return;
    this.add(slot, metric, delta, cause, subject);
  }
  private add(slot: number, metric: string, delta: number, cause: Driver['cause'], subject?: string): void {
    const wanted = subject ?? '';
    let last = -1;
    for (let i = this.first[slot]; i >= 0; i = this.next[i]) {
      const same = this.drivers[i];
      if (same.cause === cause && (same.subject ?? '') === wanted) {
        same.delta += delta;
        return;
      }
      last = i;
    }
    const driver: Driver = subject === undefined ? { metric, delta, cause } : { metric, delta, cause, subject };
    const at = this.drivers.push(driver) - 1;
    this.next.push(-1);
    if (last < 0) this.first[slot] = at;
    else this.next[last] = at;
  }
}

/** Plays one planning decision out. Rejections leave the state untouched. */
export function resolveTurn(scenario: Scenario, state: GameState, decision: TurnDecision): ResolveResult {
  const valid = validateDecision(scenario, state, decision);
  if (!valid.ok) return valid;
  const s = cloneState(state);
  const record = resolveTurnInPlace(scenario, s, decision);
  return { ok: true, state: s, report: { record } };
}

/** Per-turn scratch of `resolveTurnInPlace`, by partner position; reused because a step never runs inside another. */
let sumsScratch = emptySums(0);
let effScratch = new Float64Array(0);

/** The partner attribute each focus moves, by FOCUS_INDEX. */
const FIELD_BY_FOCUS = FOCUS_AREAS.map((f) => RULES.focusField[f]);
const DIALOGUE = FOCUS_INDEX.dialogue;
const REGION_METRIC: Record<Region, AllianceMetric> = { east: 'stabilityEast', south: 'stabilitySouth', global: 'liberalOrder' };
const INFLUENCE_METRIC = {
  russia: { east: 'influence:russia:east', south: 'influence:russia:south', global: 'influence:russia:global' },
  china: { east: 'influence:china:east', south: 'influence:china:south', global: 'influence:china:global' },
} as const;

/**
 * `ps[field] = clamp(ps[field] + delta)` through named properties: one keyed access site
 * for five field names is slow on the hot path.
 */
function addTo(ps: PartnerState, field: (typeof FIELD_BY_FOCUS)[number], delta: number): void {
  switch (field) {
    case 'interoperability':
      ps.interoperability = clamp(ps.interoperability + delta);
      break;
    case 'defence':
      ps.defence = clamp(ps.defence + delta);
      break;
    case 'institutions':
      ps.institutions = clamp(ps.institutions + delta);
      break;
    case 'stability':
      ps.stability = clamp(ps.stability + delta);
      break;
    case 'trust':
      ps.trust = clamp(ps.trust + delta);
      break;
    default: {
      const other: never = field;
      const any = ps as unknown as Record<string, number>;
      any[other] = clamp(any[other] + delta);
    }
  }
}

/** `e ** RULES.absorptionSteepness`; the usual cube is multiplied out, which is far cheaper than pow. */
function absorptionPower(e: number): number {
  const k = RULES.absorptionSteepness;
  return k === 3 ? e * e * e : e ** k;
}

/**
 * `resolveTurn` on a state the caller owns, for a decision already validated against it.
 * With `keepRecord` false the turn is played exactly the same but leaves no review record
 * (no drivers, no `turns` entry) and logs no decision: for runs that only want the era's
 * score. `facts` are what the decision's maker vouches for (see `DecisionFacts`); a sealed
 * decision brings its own. `states`: the partners' states by position (`partnerStatesOf`),
 * when the caller has them: a driver playing a game in place can look them up once for the
 * whole game, as play changes a partner's state but never replaces it.
 */
export function resolveTurnInPlace(scenario: Scenario, s: GameState, decision: TurnDecision): TurnRecord;
export function resolveTurnInPlace(scenario: Scenario, s: GameState, decision: TurnDecision, keepRecord: boolean, facts?: DecisionFacts, states?: readonly PartnerState[]): TurnRecord | undefined;
export function resolveTurnInPlace(
  scenario: Scenario,
  s: GameState,
  decision: TurnDecision,
  keepRecord = true,
  facts: DecisionFacts | undefined = sealedFactsOf(scenario, decision),
  states: readonly PartnerState[] = partnerStatesOf(scenario, s),
): TurnRecord | undefined {
  const rng = new Rng(s.rng);
  const ledger = new Ledger(s, scenario.partners.length, keepRecord);
  const index = indexOf(scenario);
  const position = index.position;
  const view = yearView(scenario, s);
  const active = view.active;
  const order = view.order;
  const isActive = view.isActive;

  // A strategic reform decided last turn pays off now, after its turn of disruption.
  if (s.reform.disruption > 0) {
    s.reform.disruption = 0;
    s.reform.upkeepFactor *= 0.8;
    s.reform.goalBonus = 0.15;
    ledger.alliance('coherence', 10, 'reform');
  }

  // Politics first: the share, priorities and actions are decided before money moves.
  const shareCost = ((decision.share - RULES.shareMin) / SHARE_STEP) * RULES.consensusPerShareStep;
  ledger.alliance('consensus', -shareCost, 'share');
  // Routine diplomacy pulls consensus back towards its resting level.
  ledger.alliance('consensus', (RULES.consensusRest - s.alliance.consensus) * RULES.consensusPull, 'drift');
  ledger.alliance('relevance', (decision.share - 1.5) * 2, 'share');
  s.share = decision.share;

  const declaring = decision.policy === 'priorities' && s.policy !== 'priorities';
  if (decision.policy === 'priorities') {
    const tierAt = facts?.tierAt;
    for (let k = 0; k < active.length; k++) {
      const ps = states[order[k]];
      const given = tierAt ? (tierAt[order[k]] as Tier) || undefined : decision.tiers?.[active[k].id];
      ps.tier = given ?? ps.tier ?? 3;
    }
  } else {
    for (let k = 0; k < active.length; k++) states[order[k]].tier = null;
  }
  if (declaring) {
    ledger.alliance('consensus', -RULES.costs.declarePriorities, 'priorities');
    for (let k = 0; k < active.length; k++) {
      const ps = states[order[k]];
      if (ps.tier === 3) {
        const before = ps.trust;
        ps.trust = clamp(before - RULES.declaredTrustLoss);
        ledger.note(ledger.trustSlot(order[k]), index.trustMetric[order[k]], ps.trust - before, 'priorities', active[k].id);
      }
    }
    // Allies whose favourites were put in the last tier protest.
    for (const ally of scenario.allies) {
      if (ally.favourites.some((id) => isActiveId(position, isActive, id) && s.partners[id].tier === 3)) {
        ledger.alliance('consensus', -3, 'priorities', ally.id);
      }
    }
  }
  s.policy = decision.policy;

  const gapAnalyses: TurnRecord['gapAnalyses'] = [];
  let retiring = false;
  for (const action of decision.actions) {
    if (action.type === 'gapAnalysis') {
      ledger.alliance('consensus', -RULES.costs.gapAnalysis, 'gapAnalysis', action.partner);
      const partner = index.partner.get(action.partner)!;
      const ps = s.partners[action.partner];
      const rolled = rng.chance(gapAcceptance(partner.gapWillingness, ps.trust, ps.tier === 1));
      // A partner team that holds this partner answers for it; the dice were rolled all the same.
      const accepted = s.turnInputs?.gapAnswers?.[action.partner] ?? rolled;
      gapAnalyses.push({ partner: action.partner, accepted });
      if (accepted) {
        ps.revealed = true;
        ps.targeting = RULES.targetingTurns;
      } else {
        ps.gapRefused = true;
        const before = ps.trust;
        ps.trust = clamp(ps.trust - RULES.gapRefusalTrustLoss);
        ledger.note(ledger.trustSlot(position.get(action.partner)!), `trust:${action.partner}`, ps.trust - before, 'gapAnalysis', action.partner);
      }
    } else if (action.type === 'intelligence') {
      ledger.alliance('consensus', -RULES.costs.intelligence, 'intelligence', action.partner);
      s.partners[action.partner].revealed = true;
    } else {
      ledger.alliance('consensus', -RULES.costs[action.mode], 'reform');
      if (action.retire?.length) retiring = true;
      if (action.mode === 'managerial') {
        s.reform.upkeepFactor *= 0.95;
        ledger.alliance('coherence', 3, 'reform');
      } else {
        s.reform.strategic = true;
        s.reform.disruption = 1;
      }
    }
  }

  // Money: envelope, upkeep paid first, then what reaches partners after overhead.
  const envelope = envelopeFor(scenario, s, decision.share);
  const lines = decision.allocations;
  const places = facts?.places ?? linePlaces(scenario, lines);
  const cost = upkeepFor(view, s, envelope, overlapPairsFor(scenario, view, decision, places, facts));
  const upkeepShare = (cost.upkeep + cost.overlapCost) / Math.max(envelope, 1e-9);
  const reformed = s.reform.strategic && s.reform.disruption === 0;
  const coherenceTarget = clamp(100 - RULES.coherencePerUpkeep * upkeepShare + (reformed ? 15 : 0));
  ledger.alliance('coherence', (coherenceTarget - s.alliance.coherence) * RULES.coherencePull, 'upkeep');
  if (s.reform.disruption > 0) ledger.alliance('coherence', -4, 'reform');
  const overhead = RULES.overheadBase + RULES.overheadSlope * (1 - s.alliance.coherence / 100) + (s.reform.disruption > 0 ? 0.15 : 0);

  // Money per partner (in the order partners first appear in the lines, as the record keeps
  // it) and per partner × focus (positive lines only), summed line by line; a sealed
  // decision (a replayed one) has its sums already.
  const n = scenario.partners.length;
  if (effScratch.length < n) {
    sumsScratch = emptySums(n);
    effScratch = new Float64Array(n);
  }
  const effective = effScratch.fill(0, 0, n);
  let sums: Readonly<LineSums> | undefined = facts?.sums;
  if (!sums) {
    sumsScratch.fund.fill(0, 0, n);
    sumsScratch.row.fill(0, 0, n * FOCUS_COUNT);
    sumsScratch.seen.fill(0, 0, n);
    sumsScratch.fundedInOrder = [];
    sums = sumLines(lines, places, sumsScratch);
  }
  const { fund, row, seen, fundedInOrder, allocated } = sums;
  const equalShare = active.length ? allocated / active.length : 0;

  let demandDriven = 0;
  let goalDriven = 0;
  let unmetNeed = 0;
  let valueEast = 0;
  let valueSouth = 0;
  let valueGlobal = 0;
  let securityValue = 0;
  const goalFit: number[] = [];
  for (const f of FOCUS_AREAS) goalFit.push(Math.min(1, scenario.goalFit[f] + s.reform.goalBonus));
  const keep = 1 - overhead;
  // Extra self-financing partner teams offered this turn (facilitated play only).
  const offeredSelfFinancing = s.turnInputs?.selfFinancing;

  for (let k = 0; k < active.length; k++) {
    const partner = active[k];
    const at = order[k];
    const ps = states[at];
    const total = fund[at];
    const st = index.statics[at];
    const offered = offeredSelfFinancing?.[partner.id];
    const selfMultiplier = offered ? selfFinancingMultiplier(Math.min(0.9, partner.selfFinancing + offered)) : st.selfMultiplier;
    const threshold = st.threshold;
    const targeting = ps.targeting > 0 ? RULES.targetingBonus : 1;
    const targeted = ps.targeting > 0 ? 1.2 : 1;
    const weight = st.weight;
    let partnerValue = 0;
    let eff = 0;

    // Partners reform on their own too (aspirants most, with an eye on membership), faster
    // when they trust NATO: NATO's money adds to their effort, it does not replace it.
    const drive = (partner.aspirant ? RULES.aspirantDrive : RULES.partnerDrive) * Math.min(1.3, ps.trust / 60);
    ps.interoperability = clamp(ps.interoperability + drive);
    ps.institutions = clamp(ps.institutions + drive);
    ps.stability = clamp(ps.stability + drive);
    ps.defence = clamp(ps.defence + drive);

    const base = at * FOCUS_COUNT;
    for (let f = 0; f < FOCUS_COUNT; f++) {
      const amount = row[base + f];
      const field = FIELD_BY_FOCUS[f];
      if (amount <= 0) {
        if (field !== 'trust') addTo(ps, field, -RULES.fade);
        continue;
      }
      if (st.topDemands & (1 << f)) demandDriven += amount;
      goalDriven += amount * goalFit[f];
      const e = amount * keep * selfMultiplier;
      eff += e;
      if (e < threshold) unmetNeed += (threshold - e) / selfMultiplier;
      const ek = absorptionPower(e);
      const progress = (st.gain * ek) / (ek + st.thresholdPow);
      // With a gap analysis NATO knows what to buy: progress lands where it is needed.
      const gained = progress * targeted;
      addTo(ps, field, gained);
      if (f === DIALOGUE) ps.alignment = clamp(ps.alignment + gained * 0.4);
      const worth = gained * goalFit[f] * weight * targeting;
      partnerValue += worth;
      if (f === FOCUS_INDEX.interop || f === FOCUS_INDEX.capacity) securityValue += worth * index.regionWeight[at];
    }
    effective[at] = eff;
    if (partner.region === 'east') valueEast += partnerValue;
    else if (partner.region === 'south') valueSouth += partnerValue;
    else valueGlobal += partnerValue;
    ps.lastFunding = total;

    // Satisfaction: money matching what the partner asked for, and its share against an equal one.
    let match = 0;
    if (seen[at] === 2 && total > 0) {
      const demand = st.shares;
      let dot = 0;
      let a2 = 0;
      for (let f = 0; f < FOCUS_COUNT; f++) {
        const a = row[base + f];
        dot += a * demand[f];
        a2 += a * a;
      }
      match = dot / Math.sqrt(a2 * st.demandSquares);
    }
    // Satisfaction: money that matches the partner's demands, its share against an equal
    // one ("all partners are equal"), and whether it is enough to make a difference.
    const fairness = equalShare > 0 ? Math.min(1, total / equalShare) : 0.5;
    const adequacy = Math.min(1, eff / (2 * threshold));
    ps.satisfaction = RULES.satisfaction.match * match + RULES.satisfaction.fairness * fairness + RULES.satisfaction.adequacy * adequacy;
    const trustBefore = ps.trust;
    ps.trust = clamp(
      ps.trust +
        (ps.satisfaction - 0.5) * RULES.trustPerSatisfaction +
        (RULES.trustRest - ps.trust) * RULES.trustPull -
        (ps.tier === 3 ? RULES.deprioritisedTrustLoss : 0),
    );
    if (keepRecord) ledger.note(ledger.trustSlot(at), index.trustMetric[at], ps.trust - trustBefore, ps.tier === 3 ? 'priorities' : 'funding', partner.id);
    ps.alignment = clamp(ps.alignment + (ps.trust - 50) / 40);
    if (ps.targeting > 0) ps.targeting--;
  }

  const value: Record<Region, number> = { east: valueEast, south: valueSouth, global: valueGlobal };
  for (const region of REGIONS) {
    const metric = REGION_METRIC[region];
    ledger.alliance(metric, inRegion(value, region) * RULES.valueScale * (0.4 + inRegion(scenario.regionWeight, region)), 'funding');
    ledger.alliance(metric, -(metricOf(s.alliance, metric) - RULES.metricFloor) * RULES.metricDecay, 'drift');
  }
  ledger.alliance('security', securityValue * RULES.valueScale * 1.3, 'funding');
  ledger.alliance('security', -(s.alliance.security - RULES.metricFloor) * RULES.metricDecay, 'drift');

  // The region's year: a crisis or a calm year in each region, dealt by the world's dice
  // (the seed and the year only), so every player of a seed meets the same world and the
  // main stream's draws do not move. A hard year lets competitors in; security feels it by
  // the regions' weight.
  const world = new Rng(worldState(s.seed, s.year));
  const fortune = { east: 0, south: 0, global: 0 };
  let fortuneSecurity = 0;
  for (const region of REGIONS) {
    const rolled = RULES.fortune.size * (world.next() + world.next() - 1);
    if (region === 'east') fortune.east = rolled;
    else if (region === 'south') fortune.south = rolled;
    else fortune.global = rolled;
    ledger.alliance(REGION_METRIC[region], rolled, 'fortune');
    const shift = -rolled * RULES.fortune.influence;
    for (const competitor of COMPETITORS) {
      const influence = competitor === 'russia' ? s.influence.russia : s.influence.china;
      const before = inRegion(influence, region);
      addToRegion(influence, region, shift);
      if (keepRecord) ledger.note(ledger.influenceSlot(competitor, region), INFLUENCE_METRIC[competitor][region], inRegion(influence, region) - before, 'fortune');
    }
    fortuneSecurity += rolled * inRegion(scenario.regionWeight, region);
  }
  ledger.alliance('security', fortuneSecurity * RULES.fortune.security, 'fortune');

  // Competitors commit what they signalled (bluffs commit little); outbid partners drift away.
  let offersOutbid = 0;
  let offersTotal = 0;
  for (const offer of s.briefing.offers) {
    const at = position.get(offer.partner);
    if (at === undefined || !isActive[at]) continue;
    offersTotal++;
    const committed = offer.amount * (offer.bluff ? RULES.bluffCommit : rng.range(0.8, 1.2));
    const partner = scenario.partners[at];
    const ps = states[at];
    // NATO's engagement weighs more than its euros: training, prestige, a seat at the table.
    const nato = effective[at] * RULES.natoPull;
    const region = partner.region;
    const metric = REGION_METRIC[region];
    const influence = offer.competitor === 'russia' ? s.influence.russia : s.influence.china;
    if (nato < committed) {
      offersOutbid++;
      const gap = (committed - nato) / committed;
      const before = ps.alignment;
      ps.alignment = clamp(ps.alignment - RULES.outbidAlignmentLoss * (0.5 + gap));
      addToRegion(influence, region, RULES.outbidInfluenceGain * (0.5 + gap));
      if (keepRecord) {
        ledger.note(ledger.alignmentSlot(at), index.alignmentMetric[at], ps.alignment - before, 'competitor', offer.competitor);
        ledger.note(ledger.influenceSlot(offer.competitor, region), INFLUENCE_METRIC[offer.competitor][region], RULES.outbidInfluenceGain * (0.5 + gap), 'competitor', offer.partner);
      }
      ledger.alliance(metric, -0.6 * gap, 'competitor', offer.competitor);
    } else {
      ps.alignment = clamp(ps.alignment + RULES.heldAlignmentGain);
      addToRegion(influence, region, -0.5);
      if (keepRecord) ledger.note(ledger.influenceSlot(offer.competitor, region), INFLUENCE_METRIC[offer.competitor][region], -0.5, 'competitor', offer.partner);
    }
  }

  // Allies' pushes: honoured when their partner gets clearly more than an equal share.
  for (const push of s.briefing.pushes) {
    const at = position.get(push.partner);
    if (at === undefined || !isActive[at]) continue;
    const got = fund[at];
    const honoured = states[at].tier === 1 || (equalShare > 0 && got >= RULES.pushThreshold * equalShare);
    ledger.alliance('consensus', honoured ? RULES.pushHonoured : RULES.pushIgnored, honoured ? 'pushHonoured' : 'pushIgnored', push.ally);
  }

  // Bilateral tracks: when Allies cannot agree, aid bypasses NATO and NATO matters less.
  const avgAlignment = averageIn(active, order, states, 'alignment');
  ledger.alliance('relevance', (avgAlignment - 55) / 15, 'funding');
  if (s.alliance.consensus < RULES.bilateralThreshold) ledger.alliance('relevance', -RULES.bilateralRelevanceLoss, 'bilateral');
  ledger.alliance('liberalOrder', (avgAlignment - 55) / 25, 'funding');

  // Regional stability suffers where competitors' influence is high.
  for (const region of REGIONS) {
    const pressure = Math.max(inRegion(s.influence.russia, region), inRegion(s.influence.china, region));
    ledger.alliance(REGION_METRIC[region], -Math.max(0, pressure - 50) / 40, 'competitor');
  }

  if (retiring) {
    for (const action of decision.actions) {
      if (action.type === 'rationalise') for (const id of action.retire ?? []) s.programmeStatus[id] = 'retired';
    }
    invalidateView(s);
  } else {
    // Nothing the year's view depends on changed: keep it (as a fresh look-up would).
    revalidateView(scenario, s);
  }

  if (!keepRecord) {
    s.rng = rng.state;
    return undefined;
  }

  // Prioritisation: how money per partner matched strategic weight (Pearson correlation).
  let prioritisation = 0;
  if (active.length > 1 && allocated > 0) {
    const count = active.length;
    let sx = 0;
    let sy = 0;
    for (let k = 0; k < count; k++) sx += fund[order[k]];
    for (let k = 0; k < count; k++) sy += active[k].strategicWeight;
    const mx = sx / count;
    const my = sy / count;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < count; k++) {
      const dx = fund[order[k]] - mx;
      const dy = active[k].strategicWeight - my;
      sxy += dx * dy;
      sxx += dx ** 2;
      syy += dy ** 2;
    }
    prioritisation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  }

  const funding: Record<string, number> = {};
  for (const at of fundedInOrder) funding[scenario.partners[at].id] = fund[at];

  const record: TurnRecord = {
    year: s.year,
    share: decision.share,
    envelope,
    upkeep: cost.upkeep,
    overlapCost: cost.overlapCost,
    allocated,
    demandDriven,
    goalDriven,
    prioritisation,
    unmetNeed,
    offersOutbid,
    offersTotal,
    activeProgrammes: cost.activeProgrammes,
    overlapPairs: cost.overlapPairs,
    alliance: { ...s.alliance },
    influence: { russia: { ...s.influence.russia }, china: { ...s.influence.china } },
    readyAspirants: readyAspirants(scenario, s),
    // The view may have changed with retired programmes; its list order decides the sum's order.
    avgTrust: yearView(scenario, s) === view ? averageIn(active, order, states, 'trust') : averageOf(scenario, s, 'trust'),
    avgAlignment,
    gapAnalyses,
    drivers: ledger.drivers,
    events: [],
    funding,
    fortune,
  };
  s.turns.push(record);
  s.log.push({ kind: 'decision', year: s.year, decision });
  s.rng = rng.state;
  return record;
}

/** Re-reads the metrics into the last turn record after events changed them. */
export function refreshRecord(scenario: Scenario, state: GameState): void {
  const record = lastRecordForEdit(state);
  if (record) readMetricsInto(scenario, state, record);
}

/** Copies the state's metrics, readiness and averages into a turn record the caller owns. */
export function readMetricsInto(scenario: Scenario, state: GameState, record: TurnRecord): void {
  record.alliance = { ...state.alliance };
  record.influence = { russia: { ...state.influence.russia }, china: { ...state.influence.china } };
  record.readyAspirants = readyAspirants(scenario, state);
  // `averageOf` for both fields in one pass over the partners.
  const active = yearView(scenario, state).active;
  if (!active.length) {
    record.avgTrust = 50;
    record.avgAlignment = 50;
    return;
  }
  let trust = 0;
  let alignment = 0;
  for (let k = 0; k < active.length; k++) {
    const ps = state.partners[active[k].id];
    trust += ps.trust;
    alignment += ps.alignment;
  }
  record.avgTrust = trust / active.length;
  record.avgAlignment = alignment / active.length;
}

/**
 * `averageOf` over a view's partners already looked up by position. Each field is read by
 * name: a read by a field name held in a variable is a generic, several times slower
 * look-up in V8, and this runs every turn.
 */
function averageIn(active: readonly Partner[], order: Int32Array, states: readonly PartnerState[], field: 'trust' | 'alignment'): number {
  if (!active.length) return 50;
  let sum = 0;
  if (field === 'trust') for (let k = 0; k < active.length; k++) sum += states[order[k]].trust;
  else for (let k = 0; k < active.length; k++) sum += states[order[k]].alignment;
  return sum / active.length;
}

export { ALLIANCE_METRICS, decisionCost, programmesFor };
