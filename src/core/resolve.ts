/**
 * Turn resolution (GAME.md §5): the briefing's signals, then the planning decision played
 * out — envelope and share, upkeep first, coherence and overhead, diminishing returns by
 * capability tier, self-financing, partner satisfaction against demands and the equal
 * share, priorities, gap analyses, toolbox reform, competitors' committed offers, Allies'
 * pushes and consensus, bilateral tracks and relevance. Every change is recorded with its
 * drivers so the review phase can say why.
 */
import {
  ALLIANCE_METRICS,
  FOCUS_AREAS,
  REGIONS,
  type AllianceMetric,
  type FocusArea,
  type Region,
  type Scenario,
} from './scenario';
import {
  activePartners,
  averageOf,
  clamp,
  cloneState,
  demandShares,
  envelopeFor,
  indexOf,
  programmesFor,
  readyAspirants,
  type Briefing,
  type Driver,
  type GameState,
  type TurnRecord,
  lastRecordForEdit,
  invalidateView,
  partnerStatics,
  FOCUS_INDEX,
} from './state';
import { Rng } from './rng';
import { RULES } from './rules';
import { upkeepOf } from './upkeep';
import { decisionCost, fundingByPartner, validateDecision, type Rejection, type TurnDecision } from './decision';

/** Draws the year's briefing: competitors' signalled offers, Allies' pushes, partners' requests. */
export function beginTurn(scenario: Scenario, state: GameState): GameState {
  const next = cloneState(state);
  beginTurnInPlace(scenario, next);
  return next;
}

/** `beginTurn` on a state the caller owns (the simulator's hot path avoids copies). */
export function beginTurnInPlace(scenario: Scenario, next: GameState): void {
  const rng = new Rng(next.rng);
  const active = activePartners(scenario, next);
  const briefing: Briefing = { year: next.year, offers: [], pushes: [], requests: [] };

  for (const competitor of ['russia', 'china'] as const) {
    for (const region of REGIONS) {
      const budget = scenario.competitors[competitor][region];
      const courted = active.filter((p) => p.region === region && p.courtedBy === competitor);
      if (budget <= 0 || !courted.length) continue;
      // Competitors concentrate: each year they court up to three partners, not everyone.
      const targets = Math.min(3, courted.length);
      const pool = [...courted];
      for (let i = 0; i < targets; i++) {
        const p = pool.splice(rng.int(pool.length), 1)[0];
        briefing.offers.push({
          competitor,
          partner: p.id,
          amount: Number(((budget / targets) * rng.range(0.6, 1.4)).toFixed(2)),
          bluff: rng.chance(scenario.competitors.bluff),
        });
      }
    }
  }
  const activeIds = new Set(active.map((p) => p.id));
  for (const ally of scenario.allies) {
    const favourites = ally.favourites.filter((id) => activeIds.has(id));
    if (favourites.length) briefing.pushes.push({ ally: ally.id, partner: rng.pick(favourites) });
  }
  for (const p of active) {
    let top: FocusArea = 'dialogue';
    for (const f of FOCUS_AREAS) if (p.demand[f] > p.demand[top]) top = f;
    briefing.requests.push({ partner: p.id, focus: top });
  }
  next.briefing = briefing;
  next.rng = rng.state;
}

export interface ResolutionReport {
  record: TurnRecord;
}

export type ResolveResult = { ok: true; state: GameState; report: ResolutionReport } | Rejection;

/** Adds a change to a metric and remembers why; tiny changes are not worth a review line. */
class Ledger {
  drivers: Driver[] = [];
  private byKey = new Map<string, Driver>();
  constructor(private state: GameState) {}
  alliance(metric: AllianceMetric, delta: number, cause: Driver['cause'], subject?: string): void {
    if (!delta) return;
    const before = this.state.alliance[metric];
    this.state.alliance[metric] = clamp(before + delta);
    this.note(metric, this.state.alliance[metric] - before, cause, subject);
  }
  note(metric: string, delta: number, cause: Driver['cause'], subject?: string): void {
    if (Math.abs(delta) < 0.05) return;
    const key = `${metric}|${cause}|${subject ?? ''}`;
    const same = this.byKey.get(key);
    if (same) same.delta += delta;
    else {
      const driver: Driver = subject === undefined ? { metric, delta, cause } : { metric, delta, cause, subject };
      this.byKey.set(key, driver);
      this.drivers.push(driver);
    }
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

/** `resolveTurn` on a state the caller owns, for a decision already validated against it. */
export function resolveTurnInPlace(scenario: Scenario, s: GameState, decision: TurnDecision): TurnRecord {
  const rng = new Rng(s.rng);
  const ledger = new Ledger(s);
  const index = indexOf(scenario);
  const active = activePartners(scenario, s);
  const activeIds = new Set(active.map((p) => p.id));

  // A strategic reform decided last turn pays off now, after its turn of disruption.
  if (s.reform.disruption > 0) {
    s.reform.disruption = 0;
    s.reform.upkeepFactor *= 0.8;
    s.reform.goalBonus = 0.15;
    ledger.alliance('coherence', 10, 'reform');
  }

  // Politics first: the share, priorities and actions are decided before money moves.
  const shareCost = ((decision.share - RULES.shareMin) / 0.1) * RULES.consensusPerShareStep;
  ledger.alliance('consensus', -shareCost, 'share');
  // Routine diplomacy pulls consensus back towards its resting level.
  ledger.alliance('consensus', (RULES.consensusRest - s.alliance.consensus) * RULES.consensusPull, 'drift');
  ledger.alliance('relevance', (decision.share - 1.5) * 2, 'share');
  s.share = decision.share;

  const declaring = decision.policy === 'priorities' && s.policy !== 'priorities';
  if (decision.policy === 'priorities') {
    for (const p of active) s.partners[p.id].tier = decision.tiers?.[p.id] ?? s.partners[p.id].tier ?? 3;
  } else {
    for (const p of active) s.partners[p.id].tier = null;
  }
  if (declaring) {
    ledger.alliance('consensus', -RULES.costs.declarePriorities, 'priorities');
    for (const p of active) {
      if (s.partners[p.id].tier === 3) {
        const before = s.partners[p.id].trust;
        s.partners[p.id].trust = clamp(before - RULES.declaredTrustLoss);
        ledger.note(`trust:${p.id}`, s.partners[p.id].trust - before, 'priorities', p.id);
      }
    }
    // Allies whose favourites were put in the last tier protest.
    for (const ally of scenario.allies) {
      if (ally.favourites.some((id) => activeIds.has(id) && s.partners[id].tier === 3)) {
        ledger.alliance('consensus', -3, 'priorities', ally.id);
      }
    }
  }
  s.policy = decision.policy;

  const gapAnalyses: TurnRecord['gapAnalyses'] = [];
  for (const action of decision.actions) {
    if (action.type === 'gapAnalysis') {
      ledger.alliance('consensus', -RULES.costs.gapAnalysis, 'gapAnalysis', action.partner);
      const partner = index.partner.get(action.partner)!;
      const ps = s.partners[action.partner];
      const tierBonus = ps.tier === 1 ? 0.15 : 0;
      const accepted = rng.chance(clamp(partner.gapWillingness * (0.35 + (0.65 * ps.trust) / 100) + tierBonus, 0, 1));
      gapAnalyses.push({ partner: action.partner, accepted });
      if (accepted) {
        ps.revealed = true;
        ps.targeting = RULES.targetingTurns;
      } else {
        ps.gapRefused = true;
        const before = ps.trust;
        ps.trust = clamp(ps.trust - RULES.gapRefusalTrustLoss);
        ledger.note(`trust:${action.partner}`, ps.trust - before, 'gapAnalysis', action.partner);
      }
    } else if (action.type === 'intelligence') {
      ledger.alliance('consensus', -RULES.costs.intelligence, 'intelligence', action.partner);
      s.partners[action.partner].revealed = true;
    } else {
      ledger.alliance('consensus', -RULES.costs[action.mode], 'reform');
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
  const cost = upkeepOf(scenario, s, envelope, decision);
  const upkeepShare = (cost.upkeep + cost.overlapCost) / Math.max(envelope, 1e-9);
  const reformed = s.reform.strategic && s.reform.disruption === 0;
  const coherenceTarget = clamp(100 - RULES.coherencePerUpkeep * upkeepShare + (reformed ? 15 : 0));
  ledger.alliance('coherence', (coherenceTarget - s.alliance.coherence) * RULES.coherencePull, 'upkeep');
  if (s.reform.disruption > 0) ledger.alliance('coherence', -4, 'reform');
  const overhead = RULES.overheadBase + RULES.overheadSlope * (1 - s.alliance.coherence / 100) + (s.reform.disruption > 0 ? 0.15 : 0);

  const funding = fundingByPartner(decision);
  const allocated = decision.allocations.reduce((sum, l) => sum + l.amount, 0);
  const equalShare = active.length ? allocated / active.length : 0;

  const perFocus = new Map<string, Record<FocusArea, number>>();
  for (const line of decision.allocations) {
    if (line.amount <= 0) continue;
    let row = perFocus.get(line.partner);
    if (!row) perFocus.set(line.partner, (row = { interop: 0, capacity: 0, integrity: 0, resilience: 0, dialogue: 0 }));
    row[line.focus] += line.amount;
  }

  let demandDriven = 0;
  let goalDriven = 0;
  let unmetNeed = 0;
  const value: Record<Region, number> = { east: 0, south: 0, global: 0 };
  let securityValue = 0;
  const effective = new Map<string, number>();
  const goalFit = (f: FocusArea) => Math.min(1, scenario.goalFit[f] + s.reform.goalBonus);

  for (const partner of active) {
    const ps = s.partners[partner.id];
    const row = perFocus.get(partner.id);
    const total = funding.get(partner.id) ?? 0;
    const { demand, topDemands, selfMultiplier } = partnerStatics(partner);
    const absorb = RULES.absorption[partner.capability];
    const targeting = ps.targeting > 0 ? RULES.targetingBonus : 1;
    const weight = 0.1 + 0.9 * partner.strategicWeight;
    let partnerValue = 0;
    let eff = 0;

    // Partners reform on their own too (aspirants most, with an eye on membership), faster
    // when they trust NATO: NATO's money adds to their effort, it does not replace it.
    const drive = (partner.aspirant ? RULES.aspirantDrive : RULES.partnerDrive) * Math.min(1.3, ps.trust / 60);
    ps.interoperability = clamp(ps.interoperability + drive);
    ps.institutions = clamp(ps.institutions + drive);
    ps.stability = clamp(ps.stability + drive);
    ps.defence = clamp(ps.defence + drive);

    for (const f of FOCUS_AREAS) {
      const amount = row?.[f] ?? 0;
      const field = RULES.focusField[f];
      if (amount <= 0) {
        if (field !== 'trust') ps[field] = clamp(ps[field] - RULES.fade);
        continue;
      }
      if (topDemands & (1 << FOCUS_INDEX[f])) demandDriven += amount;
      goalDriven += amount * goalFit(f);
      const e = amount * (1 - overhead) * selfMultiplier;
      eff += e;
      if (e < absorb.threshold) unmetNeed += (absorb.threshold - e) / selfMultiplier;
      const ek = e ** RULES.absorptionSteepness;
      const progress = (absorb.gain * ek) / (ek + absorb.threshold ** RULES.absorptionSteepness);
      // With a gap analysis NATO knows what to buy: progress lands where it is needed.
      const gained = progress * (ps.targeting > 0 ? 1.2 : 1);
      ps[field] = clamp(ps[field] + gained);
      if (f === 'dialogue') ps.alignment = clamp(ps.alignment + gained * 0.4);
      partnerValue += gained * goalFit(f) * weight * targeting;
      if (f === 'interop' || f === 'capacity') securityValue += gained * goalFit(f) * weight * targeting * scenario.regionWeight[partner.region];
    }
    effective.set(partner.id, eff);
    value[partner.region] += partnerValue;
    ps.lastFunding = total;

    // Satisfaction: money matching what the partner asked for, and its share against an equal one.
    let match = 0;
    if (row && total > 0) {
      let dot = 0;
      let a2 = 0;
      let d2 = 0;
      for (const f of FOCUS_AREAS) {
        dot += row[f] * demand[f];
        a2 += row[f] * row[f];
        d2 += demand[f] * demand[f];
      }
      match = dot / Math.sqrt(a2 * d2);
    }
    // Satisfaction: money that matches the partner's demands, its share against an equal
    // one ("all partners are equal"), and whether it is enough to make a difference.
    const fairness = equalShare > 0 ? Math.min(1, total / equalShare) : 0.5;
    const adequacy = Math.min(1, eff / (2 * absorb.threshold));
    ps.satisfaction = RULES.satisfaction.match * match + RULES.satisfaction.fairness * fairness + RULES.satisfaction.adequacy * adequacy;
    const trustBefore = ps.trust;
    ps.trust = clamp(
      ps.trust +
        (ps.satisfaction - 0.5) * RULES.trustPerSatisfaction +
        (RULES.trustRest - ps.trust) * RULES.trustPull -
        (ps.tier === 3 ? RULES.deprioritisedTrustLoss : 0),
    );
    ledger.note(`trust:${partner.id}`, ps.trust - trustBefore, ps.tier === 3 ? 'priorities' : 'funding', partner.id);
    ps.alignment = clamp(ps.alignment + (ps.trust - 50) / 40);
    if (ps.targeting > 0) ps.targeting--;
  }

  for (const region of REGIONS) {
    const metric: AllianceMetric = region === 'east' ? 'stabilityEast' : region === 'south' ? 'stabilitySouth' : 'liberalOrder';
    ledger.alliance(metric, value[region] * RULES.valueScale * (0.4 + scenario.regionWeight[region]), 'funding');
    ledger.alliance(metric, -(s.alliance[metric] - RULES.metricFloor) * RULES.metricDecay, 'drift');
  }
  ledger.alliance('security', securityValue * RULES.valueScale * 1.3, 'funding');
  ledger.alliance('security', -(s.alliance.security - RULES.metricFloor) * RULES.metricDecay, 'drift');

  // Competitors commit what they signalled (bluffs commit little); outbid partners drift away.
  let offersOutbid = 0;
  for (const offer of s.briefing.offers) {
    if (!activeIds.has(offer.partner)) continue;
    const committed = offer.amount * (offer.bluff ? RULES.bluffCommit : rng.range(0.8, 1.2));
    const partner = index.partner.get(offer.partner)!;
    const ps = s.partners[offer.partner];
    // NATO's engagement weighs more than its euros: training, prestige, a seat at the table.
    const nato = (effective.get(offer.partner) ?? 0) * RULES.natoPull;
    const region = partner.region;
    const metric: AllianceMetric = region === 'east' ? 'stabilityEast' : region === 'south' ? 'stabilitySouth' : 'liberalOrder';
    if (nato < committed) {
      offersOutbid++;
      const gap = (committed - nato) / committed;
      const before = ps.alignment;
      ps.alignment = clamp(ps.alignment - RULES.outbidAlignmentLoss * (0.5 + gap));
      ledger.note(`alignment:${offer.partner}`, ps.alignment - before, 'competitor', offer.competitor);
      s.influence[offer.competitor][region] = clamp(s.influence[offer.competitor][region] + RULES.outbidInfluenceGain * (0.5 + gap));
      ledger.note(`influence:${offer.competitor}:${region}`, RULES.outbidInfluenceGain * (0.5 + gap), 'competitor', offer.partner);
      ledger.alliance(metric, -0.6 * gap, 'competitor', offer.competitor);
    } else {
      ps.alignment = clamp(ps.alignment + RULES.heldAlignmentGain);
      s.influence[offer.competitor][region] = clamp(s.influence[offer.competitor][region] - 0.5);
      ledger.note(`influence:${offer.competitor}:${region}`, -0.5, 'competitor', offer.partner);
    }
  }

  // Allies' pushes: honoured when their partner gets clearly more than an equal share.
  for (const push of s.briefing.pushes) {
    if (!activeIds.has(push.partner)) continue;
    const got = funding.get(push.partner) ?? 0;
    const honoured = s.partners[push.partner].tier === 1 || (equalShare > 0 && got >= RULES.pushThreshold * equalShare);
    ledger.alliance('consensus', honoured ? RULES.pushHonoured : RULES.pushIgnored, honoured ? 'pushHonoured' : 'pushIgnored', push.ally);
  }

  // Bilateral tracks: when Allies cannot agree, aid bypasses NATO and NATO matters less.
  const avgAlignment = averageOf(scenario, s, 'alignment');
  ledger.alliance('relevance', (avgAlignment - 55) / 15, 'funding');
  if (s.alliance.consensus < RULES.bilateralThreshold) ledger.alliance('relevance', -RULES.bilateralRelevanceLoss, 'bilateral');
  ledger.alliance('liberalOrder', (avgAlignment - 55) / 25, 'funding');

  // Regional stability suffers where competitors' influence is high.
  for (const region of REGIONS) {
    const metric: AllianceMetric = region === 'east' ? 'stabilityEast' : region === 'south' ? 'stabilitySouth' : 'liberalOrder';
    const pressure = Math.max(s.influence.russia[region], s.influence.china[region]);
    ledger.alliance(metric, -Math.max(0, pressure - 50) / 40, 'competitor');
  }

  for (const action of decision.actions) {
    if (action.type === 'rationalise') for (const id of action.retire ?? []) s.programmeStatus[id] = 'retired';
  }
  invalidateView(s);

  // Prioritisation: how money per partner matched strategic weight (Pearson correlation).
  let prioritisation = 0;
  if (active.length > 1 && allocated > 0) {
    const xs = active.map((p) => funding.get(p.id) ?? 0);
    const ys = active.map((p) => p.strategicWeight);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) ** 2;
      syy += (ys[i] - my) ** 2;
    }
    prioritisation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  }

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
    offersTotal: s.briefing.offers.filter((o) => activeIds.has(o.partner)).length,
    activeProgrammes: cost.activeProgrammes,
    overlapPairs: cost.overlapPairs,
    alliance: { ...s.alliance },
    influence: { russia: { ...s.influence.russia }, china: { ...s.influence.china } },
    readyAspirants: readyAspirants(scenario, s),
    avgTrust: averageOf(scenario, s, 'trust'),
    avgAlignment,
    gapAnalyses,
    drivers: ledger.drivers,
    events: [],
    funding: Object.fromEntries(funding),
  };
  s.turns.push(record);
  s.log.push({ kind: 'decision', year: s.year, decision });
  s.rng = rng.state;
  return record;
}

/** Re-reads the metrics into the last turn record after events changed them. */
export function refreshRecord(scenario: Scenario, state: GameState): void {
  const record = lastRecordForEdit(state);
  if (!record) return;
  record.alliance = { ...state.alliance };
  record.influence = { russia: { ...state.influence.russia }, china: { ...state.influence.china } };
  record.readyAspirants = readyAspirants(scenario, state);
  record.avgTrust = averageOf(scenario, state, 'trust');
  record.avgAlignment = averageOf(scenario, state, 'alignment');
}

export { ALLIANCE_METRICS, decisionCost, programmesFor };
