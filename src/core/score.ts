/**
 * Era scoring against the scenario's objectives, and the four diagnostics of the debrief
 * (docs/rules.md): coherence, demand-driven share, budget pressure and prioritisation, plus
 * the say–do score that sets the strategy a player stated against what they spent.
 */
import type { Objective, Scenario } from './scenario';
import { activePartners, readyAspirants, type GameState, type StatedStrategy } from './state';

export interface ObjectiveScore {
  id: string;
  label: Objective['label'];
  value: number;
  target: number;
  lowerIsBetter: boolean;
  /** 0–1.25: how far the objective was met (above 1 = beyond the target). */
  attainment: number;
  weight: number;
}

export interface EraScore {
  /** 0–100 (a little more when targets are beaten). */
  score: number;
  objectives: ObjectiveScore[];
}

export function objectiveValue(scenario: Scenario, state: GameState, objective: Objective): number {
  switch (objective.metric) {
    case 'readyAspirants':
      return readyAspirants(scenario, state);
    case 'influenceRussia':
      return (state.influence.russia.east * scenario.regionWeight.east + state.influence.russia.south * scenario.regionWeight.south + state.influence.russia.global * scenario.regionWeight.global) / regionTotal(scenario);
    case 'influenceChina':
      return (state.influence.china.east * scenario.regionWeight.east + state.influence.china.south * scenario.regionWeight.south + state.influence.china.global * scenario.regionWeight.global) / regionTotal(scenario);
    case 'alignedPartners':
      return activePartners(scenario, state).filter((p) => state.partners[p.id].alignment >= (objective.threshold ?? ALIGNED_AT)).length;
    default:
      return state.alliance[objective.metric];
  }
}

/** Alignment at which a partner counts as aligned with NATO, unless the objective sets its own. */
export const ALIGNED_AT = 60;

const regionTotal = (s: Scenario) => s.regionWeight.east + s.regionWeight.south + s.regionWeight.global || 1;

export function attainment(objective: Objective, value: number): number {
  if (objective.lowerIsBetter) {
    if (value <= objective.target) return Math.min(1.25, 1 + (objective.target - value) / Math.max(1, objective.target) / 2);
    return Math.max(0, 1 - (value - objective.target) / Math.max(1, 100 - objective.target));
  }
  return Math.max(0, Math.min(1.25, value / Math.max(1e-9, objective.target)));
}

export function scoreEra(scenario: Scenario, state: GameState): EraScore {
  const objectives = scenario.objectives.map((o) => {
    const value = objectiveValue(scenario, state, o);
    return { id: o.id, label: o.label, value, target: o.target, lowerIsBetter: o.lowerIsBetter, attainment: attainment(o, value), weight: o.weight };
  });
  const score = 100 * objectives.reduce((s, o) => s + o.weight * o.attainment, 0);
  return { score: Math.round(score * 10) / 10, objectives };
}

export interface Diagnostics {
  /** Mean share of the envelope eaten by upkeep and overlaps (0–1). */
  upkeepShare: number;
  overlapPairs: number;
  /** Share of allocated money that went to partners' own top demands (0–1). */
  demandDrivenShare: number;
  /** Share of allocated money weighted by the era goal's fit (0–1). */
  goalShare: number;
  /** Mean unmet need per turn (EUR millions) and share of competitor offers NATO was outbid on. */
  unmetNeed: number;
  outbidShare: number;
  /** Mean correlation between money per partner and strategic weight (−1..1). */
  prioritisation: number;
}

export function diagnostics(state: GameState): Diagnostics {
  const turns = state.turns;
  const n = turns.length || 1;
  const sum = (f: (t: (typeof turns)[number]) => number) => turns.reduce((s, t) => s + f(t), 0);
  const allocated = sum((t) => t.allocated) || 1;
  const offers = sum((t) => t.offersTotal);
  return {
    upkeepShare: sum((t) => (t.upkeep + t.overlapCost) / Math.max(t.envelope, 1e-9)) / n,
    overlapPairs: sum((t) => t.overlapPairs) / n,
    demandDrivenShare: sum((t) => t.demandDriven) / allocated,
    goalShare: sum((t) => t.goalDriven) / allocated,
    unmetNeed: sum((t) => t.unmetNeed) / n,
    outbidShare: offers ? sum((t) => t.offersOutbid) / offers : 0,
    prioritisation: sum((t) => t.prioritisation) / n,
  };
}

/**
 * Say–do score, 0–100: how far what was spent matches the strategy stated at the start.
 * `equal` is judged by how even the money was; `prioritise` by how it followed strategic
 * weight; a regional strategy by the share of money that went to that region.
 */
export function sayDo(scenario: Scenario, state: GameState, strategy: StatedStrategy | null = state.strategy): number | null {
  if (!strategy || !state.turns.length) return null;
  const region = new Map(scenario.partners.map((p) => [p.id, p.region]));
  let total = 0;
  const byRegion = { east: 0, south: 0, global: 0 };
  let evenness = 0;
  for (const t of state.turns) {
    const amounts = Object.values(t.funding);
    const sumT = amounts.reduce((a, b) => a + b, 0);
    total += sumT;
    for (const [id, v] of Object.entries(t.funding)) byRegion[region.get(id) ?? 'east'] += v;
    if (amounts.length && sumT > 0) {
      const mean = sumT / amounts.length;
      const cv = Math.sqrt(amounts.reduce((s, v) => s + (v - mean) ** 2, 0) / amounts.length) / mean;
      evenness += Math.max(0, 1 - cv);
    }
  }
  const n = state.turns.length;
  let fit: number;
  if (strategy === 'equal') fit = evenness / n;
  else if (strategy === 'prioritise') fit = Math.max(0, diagnostics(state).prioritisation);
  else fit = total > 0 ? byRegion[strategy] / total : 0;
  return Math.round(100 * Math.max(0, Math.min(1, fit)));
}
