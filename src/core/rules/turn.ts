/**
 * Reference rules, part 2: the briefing and the resolution of one planning decision
 * (game design §5), one small function per rule, in the order the turn applies them.
 * Every function works on the caller's fresh clone of the plain JSON state (see
 * `resolveReference`) or returns new values; nothing is cached. The fast path
 * (src/core/resolve.ts) must give the identical state, random draws included, which
 * test/core/reference.test.ts checks over random games. Floating-point sums are written in
 * the fast path's order of operations, so the two agree to the last bit. Numbers come from
 * RULES (src/core/rules.ts); docs/rules.md says the rules in prose.
 */
import { COMPETITORS, FOCUS_AREAS, REGIONS, SHARE_STEP, type AllianceMetric, type CompetitorId, type FocusArea, type Region } from '../constants';
import type { Partner, Scenario } from '../scenario';
import type { Briefing, Driver, GameState, PartnerState, TurnRecord } from '../state';
import type { AllocationLine, PolicyAction, TurnDecision } from '../decision';
import { gapAcceptance, RULES } from '../rules';
import { nextRandom, worldState } from '../rng';
import {
  activePartnersOf,
  averageOver,
  clamp100,
  countReadyAspirants,
  demandProfile,
  isActivePartner,
  overlappingPairs,
  programmesOffering,
  runningProgrammes,
  topRequestOf,
  topTwoDemands,
} from './year';

// ---------------------------------------------------------------------------------------
// Dice: the generator's state lives in `state.rng`; each draw advances it.

/** A uniform draw in [0, 1) from the state's generator. */
export function draw(state: GameState): number {
  const [next, value] = nextRandom(state.rng);
  state.rng = next;
  return value;
}
export const drawChance = (state: GameState, p: number): boolean => draw(state) < p;
export const drawRange = (state: GameState, min: number, max: number): number => min + (max - min) * draw(state);
export const drawInt = (state: GameState, below: number): number => Math.floor(draw(state) * below);

// ---------------------------------------------------------------------------------------
// Drivers: every change to a metric is written down with its cause, for the review.

/** Adds `delta` to the driver of (metric, cause, subject), creating it after the others when new. */
export function addDriver(drivers: Driver[], metric: string, delta: number, cause: Driver['cause'], subject?: string): void {
  const same = drivers.find((d) => d.metric === metric && d.cause === cause && (d.subject ?? '') === (subject ?? ''));
  if (same) same.delta += delta;
  else drivers.push(subject === undefined ? { metric, delta, cause } : { metric, delta, cause, subject });
}

/** Partner-level changes (trust, alignment, influence) smaller than this leave no review line. */
export const MINOR_CHANGE = 0.05;

/** A partner-level or influence change, written down unless it is minor. */
export function noteChange(drivers: Driver[], metric: string, delta: number, cause: Driver['cause'], subject?: string): void {
  if (Math.abs(delta) < MINOR_CHANGE) return;
  addDriver(drivers, metric, delta, cause, subject);
}

/**
 * Moves an alliance metric by `delta` (kept within 0–100) and writes down the change it
 * made, however small: a turn's drivers add up to each metric's change over the turn.
 */
export function changeMetric(state: GameState, drivers: Driver[], metric: AllianceMetric, delta: number, cause: Driver['cause'], subject?: string): void {
  if (!delta) return;
  const before = state.alliance[metric];
  state.alliance[metric] = clamp100(before + delta);
  if (state.alliance[metric] !== before) addDriver(drivers, metric, state.alliance[metric] - before, cause, subject);
}

// ---------------------------------------------------------------------------------------
// Briefing.

/**
 * Competitors' offers: each competitor courts up to three of its partners in each region
 * where it has money, drawn at random, each signalled a share of the regional budget ±40 %,
 * some of them bluffs. Models the analysis's claim that Russia and China compete with
 * NATO for partners' alignment with money and offers of their own.
 */
export function competitorOffers(scenario: Scenario, state: GameState, active: Partner[]): Briefing['offers'] {
  const offers: Briefing['offers'] = [];
  for (const competitor of ['russia', 'china'] as CompetitorId[]) {
    for (const region of REGIONS) {
      const budget = scenario.competitors[competitor][region];
      const pool = active.filter((p) => p.courtedBy === competitor && p.region === region);
      if (budget <= 0 || !pool.length) continue;
      const targets = Math.min(3, pool.length);
      const perTarget = budget / targets;
      for (let i = 0; i < targets; i++) {
        const [partner] = pool.splice(drawInt(state, pool.length), 1);
        const amount = Number((perTarget * drawRange(state, 0.6, 1.4)).toFixed(2));
        offers.push({ competitor, partner: partner.id, amount, bluff: drawChance(state, scenario.competitors.bluff) });
      }
    }
  }
  return offers;
}

/**
 * Allies' pushes: each Ally with an active favourite presses for one of them this year.
 * Models the analysis's claim that Allies bring national priorities to the partnership
 * table and that NATO's consensus depends on honouring some of them.
 */
export function alliedPushes(scenario: Scenario, state: GameState, active: Partner[]): Briefing['pushes'] {
  const pushes: Briefing['pushes'] = [];
  for (const ally of scenario.allies) {
    const favourites = ally.favourites.filter((id) => active.some((p) => p.id === id));
    if (favourites.length) pushes.push({ ally: ally.id, partner: favourites[drawInt(state, favourites.length)] });
  }
  return pushes;
}

/** The year's briefing: competitors' signals, Allies' pushes and each partner's top request (demand-driven). */
export function briefingRule(scenario: Scenario, state: GameState): void {
  const active = activePartnersOf(scenario, state);
  const offers = competitorOffers(scenario, state, active);
  const pushes = alliedPushes(scenario, state, active);
  state.briefing = { year: state.year, offers, pushes, requests: active.map((p) => ({ partner: p.id, focus: topRequestOf(p) })) };
}

// ---------------------------------------------------------------------------------------
// Resolution, rule by rule.

/**
 * Strategic reform pays off: a strategic rationalisation decided last turn, after its
 * year of disruption, cuts upkeep by 20 %, aligns programmes with the era's goal and
 * restores coherence. Models the analysis's claim that a real reform of the toolbox,
 * not managerial trimming, is what restores coherence.
 */
export function reformPayoffRule(state: GameState, drivers: Driver[]): void {
  if (state.reform.disruption <= 0) return;
  state.reform.disruption = 0;
  state.reform.upkeepFactor *= 0.8;
  state.reform.goalBonus = 0.15;
  changeMetric(state, drivers, 'coherence', 10, 'reform');
}

/**
 * Envelope and share: each 0.1 point of share above the floor costs Allies' consensus,
 * consensus drifts back to its resting level, and a bigger share makes NATO more
 * relevant. Models the analysis's claim that the partnerships budget is a small share of
 * the common budget which Allies must agree to raise.
 */
export function shareRule(state: GameState, drivers: Driver[], share: number): void {
  const shareCost = ((share - RULES.shareMin) / SHARE_STEP) * RULES.consensusPerShareStep;
  changeMetric(state, drivers, 'consensus', -shareCost, 'share');
  changeMetric(state, drivers, 'consensus', (RULES.consensusRest - state.alliance.consensus) * RULES.consensusPull, 'drift');
  changeMetric(state, drivers, 'relevance', (share - 1.5) * 2, 'share');
  state.share = share;
}

/**
 * Equal treatment vs priorities: declaring priorities costs consensus, hurts the trust
 * of partners put in the last tier, and angers Allies whose favourites are there.
 * Models the analysis's claim that "all partners are equal" is a political
 * commitment, costly to abandon, even though it spreads money thin.
 */
export function prioritiesRule(scenario: Scenario, state: GameState, drivers: Driver[], decision: TurnDecision): void {
  const active = activePartnersOf(scenario, state);
  const declaring = decision.policy === 'priorities' && state.policy !== 'priorities';
  for (const p of active) {
    const ps = state.partners[p.id];
    ps.tier = decision.policy === 'priorities' ? (decision.tiers?.[p.id] ?? ps.tier ?? 3) : null;
  }
  if (declaring) {
    changeMetric(state, drivers, 'consensus', -RULES.costs.declarePriorities, 'priorities');
    for (const p of active) {
      const ps = state.partners[p.id];
      if (ps.tier !== 3) continue;
      const before = ps.trust;
      ps.trust = clamp100(before - RULES.declaredTrustLoss);
      noteChange(drivers, `trust:${p.id}`, ps.trust - before, 'priorities', p.id);
    }
    for (const ally of scenario.allies) {
      if (ally.favourites.some((id) => active.some((p) => p.id === id) && state.partners[id].tier === 3)) {
        changeMetric(state, drivers, 'consensus', -3, 'priorities', ally.id);
      }
    }
  }
  state.policy = decision.policy;
}

/**
 * Gap analysis: costs consensus; the partner accepts with a chance that grows with its
 * willingness and its trust (more for a first-tier partner). Accepted, NATO sees its
 * needs and targets its money for three years; refused, trust falls and it cannot be
 * asked again this era. A partner team in facilitated play answers instead of the dice,
 * which are still rolled. Models the analysis's claim that needs assessment (as in
 * DCB packages) is what makes money land where it helps, and that partners must own it.
 */
export function gapAnalysisRule(scenario: Scenario, state: GameState, drivers: Driver[], partnerId: string): TurnRecord['gapAnalyses'][number] {
  changeMetric(state, drivers, 'consensus', -RULES.costs.gapAnalysis, 'gapAnalysis', partnerId);
  const partner = scenario.partners.find((p) => p.id === partnerId)!;
  const ps = state.partners[partnerId];
  const rolled = drawChance(state, gapAcceptance(partner.gapWillingness, ps.trust, ps.tier === 1));
  const accepted = state.turnInputs?.gapAnswers?.[partnerId] ?? rolled;
  if (accepted) {
    ps.revealed = true;
    ps.targeting = RULES.targetingTurns;
  } else {
    ps.gapRefused = true;
    const before = ps.trust;
    ps.trust = clamp100(ps.trust - RULES.gapRefusalTrustLoss);
    noteChange(drivers, `trust:${partnerId}`, ps.trust - before, 'gapAnalysis', partnerId);
  }
  return { partner: partnerId, accepted };
}

/** Intelligence: costs consensus and reveals a partner's strategic weight (information has a price). */
export function intelligenceRule(state: GameState, drivers: Driver[], partnerId: string): void {
  changeMetric(state, drivers, 'consensus', -RULES.costs.intelligence, 'intelligence', partnerId);
  state.partners[partnerId].revealed = true;
}

/**
 * Rationalisation: a managerial reform trims upkeep by 5 % and helps coherence a little
 * at once; a strategic reform (once an era) disrupts a year and pays off the next (see
 * `reformPayoffRule`). Programmes it retires stop at the end of the turn. Models the
 * analysis's claim that the toolbox needs rationalising, and that real reform costs.
 */
export function rationaliseRule(state: GameState, drivers: Driver[], mode: 'managerial' | 'strategic'): void {
  changeMetric(state, drivers, 'consensus', -RULES.costs[mode], 'reform');
  if (mode === 'managerial') {
    state.reform.upkeepFactor *= 0.95;
    changeMetric(state, drivers, 'coherence', 3, 'reform');
  } else {
    state.reform.strategic = true;
    state.reform.disruption = 1;
  }
}

/** The year's envelope: the share of the common budget, times any budget shock. */
export function envelopeRule(scenario: Scenario, state: GameState, share: number): number {
  const common = scenario.budget.common[String(state.year)] ?? Object.values(scenario.budget.common).at(-1) ?? 0;
  return (share / 100) * common * state.budgetFactor;
}

/**
 * Overlap in use: for each partner × focus the lines put money on, the overlapping
 * programme pairs offering it (counted once however many lines fund it).
 */
export function overlapInUse(scenario: Scenario, state: GameState, lines: readonly AllocationLine[]): number {
  const served = new Set<string>();
  let pairs = 0;
  for (const line of lines) {
    if (line.amount <= 0) continue;
    const key = `${line.partner}|${line.focus}`;
    if (served.has(key)) continue;
    served.add(key);
    const partner = scenario.partners.find((p) => p.id === line.partner);
    if (partner && isActivePartner(scenario, state, partner.id)) pairs += overlappingPairs(programmesOffering(scenario, state, partner, line.focus));
  }
  return pairs;
}

/**
 * Upkeep first: every running programme costs its share of the envelope before a euro
 * reaches a partner, and overlapping pairs in use cost more. Models the analysis's claim
 * that the proliferation of programmes eats the partnership budget in overheads.
 */
export function upkeepRule(scenario: Scenario, state: GameState, envelope: number, lines: readonly AllocationLine[]): { upkeep: number; overlapCost: number; overlapPairs: number; activeProgrammes: number } {
  const programmes = runningProgrammes(scenario, state);
  const rate = programmes.reduce((sum, p) => sum + p.upkeep, 0);
  const pairs = overlapInUse(scenario, state, lines);
  return {
    upkeep: rate * envelope * state.reform.upkeepFactor,
    overlapCost: pairs * RULES.overlapPenalty * envelope * state.reform.upkeepFactor,
    overlapPairs: pairs,
    activeProgrammes: programmes.length,
  };
}

/**
 * Coherence: moves part of the way towards a target set by how much of the envelope
 * upkeep and overlaps eat (a reformed toolbox aims higher; a disrupted year costs).
 * Models the analysis's claim that incoherence is the price of an accreted toolbox.
 */
export function coherenceRule(state: GameState, drivers: Driver[], envelope: number, cost: { upkeep: number; overlapCost: number }): void {
  const upkeepShare = (cost.upkeep + cost.overlapCost) / Math.max(envelope, 1e-9);
  const reformed = state.reform.strategic && state.reform.disruption === 0;
  const target = clamp100(100 - RULES.coherencePerUpkeep * upkeepShare + (reformed ? 15 : 0));
  changeMetric(state, drivers, 'coherence', (target - state.alliance.coherence) * RULES.coherencePull, 'upkeep');
  if (state.reform.disruption > 0) changeMetric(state, drivers, 'coherence', -4, 'reform');
}

/** Overhead: the fraction of money lost in transaction costs, higher when coherence is low or a reform disrupts. */
export function overheadRule(state: GameState): number {
  return RULES.overheadBase + RULES.overheadSlope * (1 - state.alliance.coherence / 100) + (state.reform.disruption > 0 ? 0.15 : 0);
}

/**
 * Self-financing: a partner who pays a share of its own activities makes NATO's money go
 * further (capped at ×4). A partner team may offer more in facilitated play. Models the
 * analysis's claim that self-financing partners (trust funds, cost sharing) multiply NATO's effort.
 */
export function selfFinancingRule(state: GameState, partner: Partner): number {
  const offered = state.turnInputs?.selfFinancing?.[partner.id];
  const share = offered ? Math.min(0.9, partner.selfFinancing + offered) : partner.selfFinancing;
  return 1 + Math.min(3, share / Math.max(0.05, 1 - share));
}

/** `e` to the absorption curve's power, the cube multiplied out as the fast path does (to the last bit). */
function absorptionPower(e: number): number {
  return RULES.absorptionSteepness === 3 ? e * e * e : e ** RULES.absorptionSteepness;
}

/**
 * Diminishing returns by capability tier: progress on a focus follows an S-curve of the
 * effective money, so money spread thin below a partner's absorption threshold does little,
 * and a high-capability partner gains less from the same money. Models the analysis's
 * claim that spreading money equally over many partners buys little change anywhere.
 */
export function absorptionRule(partner: Partner, effective: number): number {
  const curve = RULES.absorption[partner.capability];
  const ek = absorptionPower(effective);
  return (curve.gain * ek) / (ek + curve.threshold ** RULES.absorptionSteepness);
}

/**
 * Partners' own reforms: every partner improves a little each year, aspirants most, faster
 * when it trusts NATO. Models the analysis's claim that NATO's money supports partners'
 * own efforts (membership perspective above all), it does not replace them.
 */
export function ownReformRule(partner: Partner, ps: PartnerState): void {
  const drive = (partner.aspirant ? RULES.aspirantDrive : RULES.partnerDrive) * Math.min(1.3, ps.trust / 60);
  ps.interoperability = clamp100(ps.interoperability + drive);
  ps.institutions = clamp100(ps.institutions + drive);
  ps.stability = clamp100(ps.stability + drive);
  ps.defence = clamp100(ps.defence + drive);
}

/** Fading: a capability nobody funds loses a little each year (trust is moved by satisfaction instead). */
export function fadeRule(ps: PartnerState, focus: FocusArea): void {
  const field = RULES.focusField[focus];
  if (field !== 'trust') ps[field] = clamp100(ps[field] - RULES.fade);
}

/** Money per partner, per partner × focus (positive lines), and in all, summed line by line. */
export interface Money {
  fund: Record<string, number>;
  row: Record<string, Record<FocusArea, number>>;
  /** Partners in the order their first line comes. */
  order: string[];
  /** Partners with money on some focus. */
  positive: Set<string>;
  allocated: number;
}

export function sumMoney(lines: readonly AllocationLine[]): Money {
  const money: Money = { fund: {}, row: {}, order: [], positive: new Set(), allocated: 0 };
  for (const line of lines) {
    if (!(line.partner in money.fund)) {
      money.fund[line.partner] = 0;
      money.row[line.partner] = { interop: 0, capacity: 0, integrity: 0, resilience: 0, dialogue: 0 };
      money.order.push(line.partner);
    }
    money.fund[line.partner] += line.amount;
    money.allocated += line.amount;
    if (line.amount <= 0) continue;
    money.positive.add(line.partner);
    money.row[line.partner][line.focus] += line.amount;
  }
  return money;
}

/**
 * The year's running accounts over all partners, added to focus by focus as each partner is
 * funded (in the fast path's order, so the sums agree to the last bit).
 */
export interface YearAccounts {
  securityValue: number;
  demandDriven: number;
  goalDriven: number;
  unmetNeed: number;
}

/** What a year's funding of one partner did: its strategic value and the effective money that reached it. */
interface PartnerOutcome {
  value: number;
  effective: number;
}

/**
 * Demand and satisfaction: a partner is satisfied by money that matches what it asked for
 * (cosine of money and demand), by a fair share against an equal one, and by money enough
 * to make a difference; satisfaction moves trust, trust moves alignment. Models the
 * analysis's claims that partnerships must be demand-driven and that "all partners are
 * equal" is what partners expect.
 */
export function satisfactionRule(partner: Partner, row: Record<FocusArea, number> | undefined, total: number, equalShare: number, effective: number, hasMoney: boolean): number {
  let match = 0;
  if (hasMoney && total > 0 && row) {
    const demand = demandProfile(partner);
    let dot = 0;
    let a2 = 0;
    for (const f of FOCUS_AREAS) {
      dot += row[f] * demand[f];
      a2 += row[f] * row[f];
    }
    match = dot / Math.sqrt(a2 * FOCUS_AREAS.reduce((sum, f) => sum + demand[f] * demand[f], 0));
  }
  const fairness = equalShare > 0 ? Math.min(1, total / equalShare) : 0.5;
  const adequacy = Math.min(1, effective / (2 * RULES.absorption[partner.capability].threshold));
  return RULES.satisfaction.match * match + RULES.satisfaction.fairness * fairness + RULES.satisfaction.adequacy * adequacy;
}

/** Trust follows satisfaction, drifts back to its resting level, and erodes in the last tier. */
export function trustRule(ps: PartnerState): number {
  return clamp100(ps.trust + (ps.satisfaction - 0.5) * RULES.trustPerSatisfaction + (RULES.trustRest - ps.trust) * RULES.trustPull - (ps.tier === 3 ? RULES.deprioritisedTrustLoss : 0));
}

/**
 * One partner's year: its own reforms, each focus funded (absorption, targeting after a
 * gap analysis, value for the era's goal weighted by strategic weight) or fading, then
 * satisfaction, trust and alignment.
 */
export function fundPartnerRule(
  scenario: Scenario,
  state: GameState,
  drivers: Driver[],
  partner: Partner,
  money: Money,
  equalShare: number,
  overhead: number,
  accounts: YearAccounts,
): PartnerOutcome {
  const ps = state.partners[partner.id];
  const total = money.fund[partner.id] ?? 0;
  const row = money.row[partner.id];
  const selfMultiplier = selfFinancingRule(state, partner);
  const threshold = RULES.absorption[partner.capability].threshold;
  const targeting = ps.targeting > 0 ? RULES.targetingBonus : 1;
  const targeted = ps.targeting > 0 ? 1.2 : 1;
  const weight = 0.1 + 0.9 * partner.strategicWeight;
  const top = topTwoDemands(partner);
  const out: PartnerOutcome = { value: 0, effective: 0 };

  ownReformRule(partner, ps);
  for (const focus of FOCUS_AREAS) {
    const amount = row?.[focus] ?? 0;
    if (amount <= 0) {
      fadeRule(ps, focus);
      continue;
    }
    const goalFit = Math.min(1, scenario.goalFit[focus] + state.reform.goalBonus);
    if (top.includes(focus)) accounts.demandDriven += amount;
    accounts.goalDriven += amount * goalFit;
    const e = amount * (1 - overhead) * selfMultiplier;
    out.effective += e;
    if (e < threshold) accounts.unmetNeed += (threshold - e) / selfMultiplier;
    // With a gap analysis NATO knows what to buy: progress lands where it is needed.
    const gained = absorptionRule(partner, e) * targeted;
    const field = RULES.focusField[focus];
    ps[field] = clamp100(ps[field] + gained);
    if (focus === 'dialogue') ps.alignment = clamp100(ps.alignment + gained * 0.4);
    const worth = gained * goalFit * weight * targeting;
    out.value += worth;
    if (focus === 'interop' || focus === 'capacity') accounts.securityValue += worth * scenario.regionWeight[partner.region];
  }
  ps.lastFunding = total;
  ps.satisfaction = satisfactionRule(partner, row, total, equalShare, out.effective, money.positive.has(partner.id));
  const before = ps.trust;
  ps.trust = trustRule(ps);
  noteChange(drivers, `trust:${partner.id}`, ps.trust - before, ps.tier === 3 ? 'priorities' : 'funding', partner.id);
  ps.alignment = clamp100(ps.alignment + (ps.trust - 50) / 40);
  if (ps.targeting > 0) ps.targeting--;
  return out;
}

const REGION_METRIC: Record<Region, AllianceMetric> = { east: 'stabilityEast', south: 'stabilitySouth', global: 'liberalOrder' };

/**
 * Metric decay: the world erodes what nobody maintains — each year a regional metric and
 * security lose a fraction of their height above the floor. Models the analysis's claim
 * that security gains from partnerships are not permanent.
 */
export function decayRule(state: GameState, drivers: Driver[], metric: AllianceMetric): void {
  changeMetric(state, drivers, metric, -(state.alliance[metric] - RULES.metricFloor) * RULES.metricDecay, 'drift');
}

/** Partners' progress, weighted by the region's importance, raises the region's metric; then the region decays. */
export function regionalValueRule(scenario: Scenario, state: GameState, drivers: Driver[], value: Record<Region, number>, securityValue: number): void {
  for (const region of REGIONS) {
    const metric = REGION_METRIC[region];
    changeMetric(state, drivers, metric, value[region] * RULES.valueScale * (0.4 + scenario.regionWeight[region]), 'funding');
    decayRule(state, drivers, metric);
  }
  changeMetric(state, drivers, 'security', securityValue * RULES.valueScale * 1.3, 'funding');
  decayRule(state, drivers, 'security');
}

/**
 * The region's year: in each region the year brings a crisis or a calm — a coup, a war
 * next door, a migration crisis, or a quiet year — of a size the world's dice roll
 * (size × (u₁ + u₂ − 1), from −size to +size, most often near 0). The region's metric moves
 * by it, each competitor's influence there the other way by half of it (a hard year lets
 * competitors in), and security by the regions' moves weighted by region weight. The dice
 * are the world's: drawn from the seed and the year alone (`worldState`), not from
 * `state.rng`, so every player of a seed meets the same years whatever they decide. Models
 * the analysis's claim that partnership policy follows a strategic environment NATO does
 * not control — contextual opportunities, the Arab Spring, the wars in Ukraine — while what
 * NATO does with its money decides how well it stands when the year turns bad. Returns the
 * rolls, region by region.
 */
export function fortuneRule(scenario: Scenario, state: GameState, drivers: Driver[]): Record<Region, number> {
  let world = worldState(state.seed, state.year);
  const roll = (): number => {
    const [next, value] = nextRandom(world);
    world = next;
    return value;
  };
  const fortune: Record<Region, number> = { east: 0, south: 0, global: 0 };
  let security = 0;
  for (const region of REGIONS) {
    const first = roll();
    const rolled = RULES.fortune.size * (first + roll() - 1);
    fortune[region] = rolled;
    changeMetric(state, drivers, REGION_METRIC[region], rolled, 'fortune');
    for (const competitor of COMPETITORS) {
      const influence = state.influence[competitor];
      const before = influence[region];
      influence[region] = clamp100(before + -rolled * RULES.fortune.influence);
      noteChange(drivers, `influence:${competitor}:${region}`, influence[region] - before, 'fortune');
    }
    security += rolled * scenario.regionWeight[region];
  }
  changeMetric(state, drivers, 'security', security * RULES.fortune.security, 'fortune');
  return fortune;
}

/**
 * Competitors' offers committed: a bluff commits a quarter of its signal, a real offer
 * 80–120 %. NATO's engagement (its effective money, weighed ×4 for training, prestige and a
 * seat at the table) holds the partner or is outbid: outbid, the partner's alignment
 * drifts away and the competitor gains influence. Models the analysis's claim that
 * partners hedge between NATO and its competitors when NATO's offer falls short.
 */
export function competitorRule(scenario: Scenario, state: GameState, drivers: Driver[], effective: Record<string, number>): { outbid: number; total: number } {
  const active = activePartnersOf(scenario, state);
  let outbid = 0;
  let total = 0;
  for (const offer of state.briefing.offers) {
    const partner = active.find((p) => p.id === offer.partner);
    if (!partner) continue;
    total++;
    const committed = offer.amount * (offer.bluff ? RULES.bluffCommit : drawRange(state, 0.8, 1.2));
    const ps = state.partners[partner.id];
    const nato = (effective[partner.id] ?? 0) * RULES.natoPull;
    const influence = state.influence[offer.competitor];
    const region = partner.region;
    if (nato < committed) {
      outbid++;
      const gap = (committed - nato) / committed;
      const before = ps.alignment;
      ps.alignment = clamp100(ps.alignment - RULES.outbidAlignmentLoss * (0.5 + gap));
      influence[region] = clamp100(influence[region] + RULES.outbidInfluenceGain * (0.5 + gap));
      noteChange(drivers, `alignment:${partner.id}`, ps.alignment - before, 'competitor', offer.competitor);
      noteChange(drivers, `influence:${offer.competitor}:${region}`, RULES.outbidInfluenceGain * (0.5 + gap), 'competitor', offer.partner);
      changeMetric(state, drivers, REGION_METRIC[region], -0.6 * gap, 'competitor', offer.competitor);
    } else {
      ps.alignment = clamp100(ps.alignment + RULES.heldAlignmentGain);
      influence[region] = clamp100(influence[region] - 0.5);
      noteChange(drivers, `influence:${offer.competitor}:${region}`, -0.5, 'competitor', offer.partner);
    }
  }
  return { outbid, total };
}

/**
 * Allies' pushes and consensus: a push is honoured when its partner is in the first tier
 * or gets clearly more than an equal share; honoured pushes build consensus, ignored ones
 * cost it. Models the analysis's claim that consensus among Allies is the currency of
 * NATO's partnership policy.
 */
export function pushesRule(scenario: Scenario, state: GameState, drivers: Driver[], money: Money, equalShare: number): void {
  for (const push of state.briefing.pushes) {
    if (!isActivePartner(scenario, state, push.partner)) continue;
    const got = money.fund[push.partner] ?? 0;
    const honoured = state.partners[push.partner].tier === 1 || (equalShare > 0 && got >= RULES.pushThreshold * equalShare);
    changeMetric(state, drivers, 'consensus', honoured ? RULES.pushHonoured : RULES.pushIgnored, honoured ? 'pushHonoured' : 'pushIgnored', push.ally);
  }
}

/**
 * Bilateral tracks and relevance: partners' alignment makes NATO relevant and supports
 * the liberal order; when Allies' consensus falls below the threshold, aid goes
 * bilateral and NATO matters less. Models the analysis's claim that without consensus,
 * Allies pursue partnerships bilaterally and NATO's role shrinks.
 */
export function relevanceRule(scenario: Scenario, state: GameState, drivers: Driver[]): number {
  const avgAlignment = averageOver(scenario, state, 'alignment');
  changeMetric(state, drivers, 'relevance', (avgAlignment - 55) / 15, 'funding');
  if (state.alliance.consensus < RULES.bilateralThreshold) changeMetric(state, drivers, 'relevance', -RULES.bilateralRelevanceLoss, 'bilateral');
  changeMetric(state, drivers, 'liberalOrder', (avgAlignment - 55) / 25, 'funding');
  return avgAlignment;
}

/** Competitors' pressure: a region's stability suffers where a competitor's influence is above 50. */
export function pressureRule(state: GameState, drivers: Driver[]): void {
  for (const region of REGIONS) {
    const pressure = Math.max(state.influence.russia[region], state.influence.china[region]);
    changeMetric(state, drivers, REGION_METRIC[region], -Math.max(0, pressure - 50) / 40, 'competitor');
  }
}

/** Prioritisation diagnostic: the correlation between money per partner and strategic weight. */
export function prioritisationOf(active: Partner[], money: Money): number {
  if (active.length <= 1 || money.allocated <= 0) return 0;
  const xs = active.map((p) => money.fund[p.id] ?? 0);
  const ys = active.map((p) => p.strategicWeight);
  let sx = 0;
  let sy = 0;
  for (const x of xs) sx += x;
  for (const y of ys) sy += y;
  const mx = sx / xs.length;
  const my = sy / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < xs.length; k++) {
    sxy += (xs[k] - mx) * (ys[k] - my);
    sxx += (xs[k] - mx) ** 2;
    syy += (ys[k] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * The planning decision played out on `state` (the caller's fresh clone), rule by rule;
 * returns the turn's record (also pushed on `state.turns`). The decision must be valid.
 */
export function resolveRules(scenario: Scenario, state: GameState, decision: TurnDecision): TurnRecord {
  const drivers: Driver[] = [];
  const active = activePartnersOf(scenario, state);

  reformPayoffRule(state, drivers);
  // Politics first: the share, priorities and actions are decided before money moves.
  shareRule(state, drivers, decision.share);
  prioritiesRule(scenario, state, drivers, decision);
  const gapAnalyses: TurnRecord['gapAnalyses'] = [];
  for (const action of decision.actions) applyAction(scenario, state, drivers, action, gapAnalyses);

  // Money: envelope, upkeep first, coherence, then what reaches partners after overhead.
  const envelope = envelopeRule(scenario, state, decision.share);
  const cost = upkeepRule(scenario, state, envelope, decision.allocations);
  coherenceRule(state, drivers, envelope, cost);
  const overhead = overheadRule(state);
  const money = sumMoney(decision.allocations);
  const equalShare = active.length ? money.allocated / active.length : 0;

  const value: Record<Region, number> = { east: 0, south: 0, global: 0 };
  const accounts: YearAccounts = { securityValue: 0, demandDriven: 0, goalDriven: 0, unmetNeed: 0 };
  const effective: Record<string, number> = {};
  for (const partner of active) {
    const out = fundPartnerRule(scenario, state, drivers, partner, money, equalShare, overhead, accounts);
    effective[partner.id] = out.effective;
    value[partner.region] += out.value;
  }
  regionalValueRule(scenario, state, drivers, value, accounts.securityValue);
  const fortune = fortuneRule(scenario, state, drivers);
  const offers = competitorRule(scenario, state, drivers, effective);
  pushesRule(scenario, state, drivers, money, equalShare);
  const avgAlignment = relevanceRule(scenario, state, drivers);
  pressureRule(state, drivers);
  for (const action of decision.actions) {
    if (action.type === 'rationalise') for (const id of action.retire ?? []) state.programmeStatus[id] = 'retired';
  }

  const funding: Record<string, number> = {};
  for (const id of money.order) funding[id] = money.fund[id];
  const record: TurnRecord = {
    year: state.year,
    share: decision.share,
    envelope,
    upkeep: cost.upkeep,
    overlapCost: cost.overlapCost,
    allocated: money.allocated,
    demandDriven: accounts.demandDriven,
    goalDriven: accounts.goalDriven,
    prioritisation: prioritisationOf(active, money),
    unmetNeed: accounts.unmetNeed,
    offersOutbid: offers.outbid,
    offersTotal: offers.total,
    activeProgrammes: cost.activeProgrammes,
    overlapPairs: cost.overlapPairs,
    alliance: { ...state.alliance },
    influence: { russia: { ...state.influence.russia }, china: { ...state.influence.china } },
    readyAspirants: countReadyAspirants(scenario, state),
    avgTrust: averageOver(scenario, state, 'trust'),
    avgAlignment,
    gapAnalyses,
    drivers,
    events: [],
    funding,
    fortune,
  };
  state.turns.push(record);
  state.log.push({ kind: 'decision', year: state.year, decision });
  return record;
}

/** One policy action (gap analysis, intelligence or rationalisation), in the decision's order. */
function applyAction(scenario: Scenario, state: GameState, drivers: Driver[], action: PolicyAction, gapAnalyses: TurnRecord['gapAnalyses']): void {
  switch (action.type) {
    case 'gapAnalysis':
      gapAnalyses.push(gapAnalysisRule(scenario, state, drivers, action.partner));
      return;
    case 'intelligence':
      intelligenceRule(state, drivers, action.partner);
      return;
    case 'rationalise':
      rationaliseRule(state, drivers, action.mode);
      return;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}
