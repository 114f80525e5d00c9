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
import { FOCUS_AREAS, REGIONS, type FocusArea, type Partner, type Scenario } from './scenario';
import {
  activePartners,
  demandShares,
  envelopeFor,
  programmesFor,
  type GameState,
  type Tier,
} from './state';
import { RULES } from './rules';
import { upkeepOf } from './upkeep';
import { decisionCost, type AllocationLine, type PolicyAction, type TurnDecision } from './decision';
import { Rng, seedState } from './rng';

export type PolicyName = 'equal' | 'prioritise' | 'random';
export const POLICY_NAMES: readonly PolicyName[] = ['equal', 'prioritise', 'random'];

export type Policy = (scenario: Scenario, state: GameState, rng: Rng) => TurnDecision;

/** Splits `amount` over the focus areas the partner can be funded for, by `weights`. */
function linesFor(scenario: Scenario, state: GameState, partner: Partner, amount: number, weights: Record<FocusArea, number>): AllocationLine[] {
  const open = FOCUS_AREAS.filter((f) => weights[f] > 0 && programmesFor(scenario, state, partner.id, f).length > 0);
  const total = open.reduce((s, f) => s + weights[f], 0);
  if (!open.length || total <= 0 || amount <= 0) return [];
  return open.map((f) => ({ partner: partner.id, focus: f, amount: (amount * weights[f]) / total }));
}

/**
 * Builds lines for one unit of money, then scales them to what is left after upkeep and
 * the overlaps those very lines cause (overlaps depend on which lines exist, not amounts).
 */
function fit(scenario: Scenario, state: GameState, share: number, build: (money: number) => AllocationLine[]): AllocationLine[] {
  const lines = build(1);
  const used = lines.reduce((s, l) => s + l.amount, 0);
  if (used <= 0) return lines;
  const envelope = envelopeFor(scenario, state, share);
  const cost = upkeepOf(scenario, state, envelope, { allocations: lines });
  const room = Math.max(0, envelope - cost.upkeep - cost.overlapCost) * 0.9999;
  for (const line of lines) line.amount = (line.amount * room) / used;
  return lines;
}

/**
 * Equal shares for every partner, each spent on what the partner asks for; partners an
 * Ally pushes this year get a fifth more, as far as equal treatment allows (NATO's
 * deeper ties have often followed a lobbying Ally).
 */
export function allocateEvenly(scenario: Scenario, state: GameState, share: number): AllocationLine[] {
  const partners = activePartners(scenario, state);
  const pushed = new Set(state.briefing.pushes.map((p) => p.partner));
  const weight = (p: Partner) => (pushed.has(p.id) ? 1.2 : 1);
  // Keep pushed partners inside the ±25 % band of the mean share.
  const total = partners.reduce((s, p) => s + weight(p), 0);
  return fit(scenario, state, share, (money) =>
    partners.flatMap((p) => linesFor(scenario, state, p, (money * weight(p)) / total, demandShares(p))),
  );
}

export const equalPolicy: Policy = (scenario, state) => {
  const share = scenario.budget.share;
  return { share, policy: 'equal', allocations: allocateEvenly(scenario, state, share), actions: [] };
};

/**
 * What a player can believe of a partner's strategic weight: the true value once revealed,
 * otherwise an estimate from what the partner card shows — its region's weight in the era,
 * membership aspiration, capability, and how well what it asks for serves the era's goal.
 */
export function estimatedWeight(scenario: Scenario, state: GameState, partner: Partner): number {
  if (state.partners[partner.id].revealed) return partner.strategicWeight;
  const demand = demandShares(partner);
  let fit = 0;
  for (const f of FOCUS_AREAS) fit += demand[f] * scenario.goalFit[f];
  const capability = partner.capability === 'high' ? 0.1 : partner.capability === 'mid' ? 0.05 : 0;
  return 0.05 + 0.45 * scenario.regionWeight[partner.region] + (partner.aspirant ? 0.2 : 0) + 0.25 * fit + capability;
}

/** Tiers by estimated strategic weight: the top 30 % first, the next 30 % second. */
export function tiersByWeight(scenario: Scenario, state: GameState): Record<string, Tier> {
  const partners = activePartners(scenario, state);
  const tiers: Record<string, Tier> = {};
  // Each region gets tier places in proportion to its weight in the era, so priorities
  // follow the era's goal rather than one region's loudest partners.
  const totalWeight = REGIONS.reduce((s, r) => s + scenario.regionWeight[r], 0) || 1;
  for (const region of REGIONS) {
    const ranked = partners
      .filter((p) => p.region === region)
      .sort((a, b) => estimatedWeight(scenario, state, b) - estimatedWeight(scenario, state, a));
    const places = (partners.length * scenario.regionWeight[region]) / totalWeight;
    const n1 = Math.min(ranked.length, Math.round(places * 0.3));
    const n2 = Math.min(ranked.length - n1, Math.round(places * 0.3));
    ranked.forEach((p, i) => (tiers[p.id] = i < n1 ? 1 : i < n1 + n2 ? 2 : 3));
  }
  if (partners.length && !Object.values(tiers).includes(1)) {
    const best = [...partners].sort((a, b) => estimatedWeight(scenario, state, b) - estimatedWeight(scenario, state, a))[0];
    tiers[best.id] = 1;
  }
  return tiers;
}

const DIALOGUE_ONLY: Record<FocusArea, number> = { interop: 0, capacity: 0, integrity: 0, resilience: 0, dialogue: 1 };

/** Money by tier (72 / 23 / 5 %), spent mostly on what serves the era's goal. */
export function allocateByTiers(scenario: Scenario, state: GameState, share: number, tiers: Record<string, Tier>): AllocationLine[] {
  const partners = activePartners(scenario, state);
  const tierOf = (p: Partner): Tier => tiers[p.id] ?? 3;
  const slice: Record<Tier, number> = { 1: 0.72, 2: 0.23, 3: 0.05 };
  const count: Record<Tier, number> = { 1: 0, 2: 0, 3: 0 };
  for (const p of partners) count[tierOf(p)]++;
  // Money of an empty tier goes to the tiers above it.
  const used = ([1, 2, 3] as Tier[]).filter((t) => count[t] > 0);
  const norm = used.reduce((s, t) => s + slice[t], 0) || 1;
  const goalWeights = (p: Partner) => {
    const demand = demandShares(p);
    const w = {} as Record<FocusArea, number>;
    for (const f of FOCUS_AREAS) w[f] = 0.75 * scenario.goalFit[f] + 0.25 * demand[f];
    return w;
  };
  return fit(scenario, state, share, (money) =>
    partners.flatMap((p) => {
      const amount = (money * slice[tierOf(p)]) / norm / count[tierOf(p)];
      // The last tier keeps political dialogue only, where it is on offer.
      const dialogueOnly = tierOf(p) === 3 && programmesFor(scenario, state, p.id, 'dialogue').length > 0;
      return linesFor(scenario, state, p, amount, dialogueOnly ? DIALOGUE_ONLY : goalWeights(p));
    }),
  );
}

export const prioritisePolicy: Policy = (scenario, state) => {
  const share = scenario.budget.share;
  const tiers = tiersByWeight(scenario, state);
  // Consensus is the currency of priorities: partners an Ally pushes this year are raised
  // to the first tier, which keeps the Allies on board.
  for (const push of state.briefing.pushes) if (push.partner in tiers) tiers[push.partner] = 1;
  const allocations = allocateByTiers(scenario, state, share, tiers);
  const ranked = activePartners(scenario, state).sort((a, b) => estimatedWeight(scenario, state, b) - estimatedWeight(scenario, state, a));
  const decision: TurnDecision = { share, policy: 'priorities', tiers, allocations, actions: [] };
  // A strategist ties the toolbox to the era's goal once the jungle gets thick.
  if (!state.reform.strategic && state.alliance.coherence < 50 && state.alliance.consensus >= 60) {
    decision.actions.push({ type: 'rationalise', mode: 'strategic', retire: [] });
  }
  // Gap analyses on the likeliest priorities while the Allies' patience lasts.
  const candidates = ranked.filter((p) => tiers[p.id] === 1 && !state.partners[p.id].gapRefused && state.partners[p.id].targeting === 0);
  for (const p of candidates.slice(0, RULES.maxActions)) {
    const action: PolicyAction = { type: 'gapAnalysis', partner: p.id };
    const trial = { ...decision, actions: [...decision.actions, action] };
    if (state.alliance.consensus - decisionCost(state, trial) >= 45) decision.actions.push(action);
  }
  return decision;
};

export const randomPolicy: Policy = (scenario, state, rng) => {
  const share = Math.round(rng.range(10, 20)) / 10;
  const partners = activePartners(scenario, state);
  const chosen = partners.filter(() => rng.chance(0.7));
  if (!chosen.length && partners.length) chosen.push(rng.pick(partners));
  const raw = chosen.map(() => rng.range(0.2, 1));
  const focus = chosen.map(() => {
    const w = {} as Record<FocusArea, number>;
    for (const f of FOCUS_AREAS) w[f] = rng.chance(0.5) ? rng.next() : 0;
    return w;
  });
  const spend = rng.range(0.5, 1);
  const total = raw.reduce((a, b) => a + b, 0);
  const allocations = fit(scenario, state, share, (money) =>
    chosen.flatMap((p, i) => linesFor(scenario, state, p, (money * spend * raw[i]) / total, focus[i])),
  );
  const tiers: Record<string, Tier> = {};
  for (const p of partners) tiers[p.id] = (1 + rng.int(3)) as Tier;
  const decision: TurnDecision = { share, policy: 'priorities', tiers, allocations, actions: [] };
  if (rng.chance(0.3) && partners.length) {
    const action: PolicyAction = rng.chance(0.5)
      ? { type: 'gapAnalysis', partner: rng.pick(partners).id }
      : { type: 'rationalise', mode: rng.chance(0.7) ? 'managerial' : 'strategic', retire: [] };
    decision.actions.push(action);
  }
  return decision;
};

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
