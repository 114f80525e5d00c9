/**
 * The coherence tax: every running programme costs a fixed share of the envelope before a
 * euro reaches a partner, and overlapping programmes that serve the same partner and
 * focus cost extra management on top. Paid first, every turn (GAME.md §5).
 */
import type { Scenario } from './scenario';
import { yearView, type GameState } from './state';
import { RULES } from './rules';
import type { TurnDecision } from './decision';

export interface Upkeep {
  upkeep: number;
  overlapCost: number;
  overlapPairs: number;
  activeProgrammes: number;
}

export function upkeepOf(scenario: Scenario, state: GameState, envelope: number, decision?: Pick<TurnDecision, 'allocations'>): Upkeep {
  const view = yearView(scenario, state);
  const upkeep = view.upkeepRate * envelope * state.reform.upkeepFactor;
  let pairs = 0;
  if (decision) {
    const served = new Set<string>();
    for (const line of decision.allocations) {
      if (line.amount <= 0) continue;
      const key = `${line.partner}:${line.focus}`;
      if (served.has(key)) continue;
      served.add(key);
      pairs += view.overlapPairs.get(key) ?? 0;
    }
  }
  return {
    upkeep,
    overlapCost: pairs * RULES.overlapPenalty * envelope * state.reform.upkeepFactor,
    overlapPairs: pairs,
    activeProgrammes: view.programmes.length,
  };
}
