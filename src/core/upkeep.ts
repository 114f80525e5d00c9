/**
 * The coherence tax: every running programme costs a fixed share of the envelope before a
 * euro reaches a partner, and overlapping programmes that serve the same partner and
 * focus cost extra management on top. Paid first, every turn (GAME.md §5).
 */
import type { Scenario } from './scenario';
import { FOCUS_INDEX, yearView, type GameState } from './state';
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
    // Count each partner × focus once, however many lines fund it.
    const served = new Map<string, number>();
    for (const line of decision.allocations) {
      if (line.amount <= 0) continue;
      const bit = 1 << FOCUS_INDEX[line.focus];
      const mask = served.get(line.partner) ?? 0;
      if (mask & bit) continue;
      served.set(line.partner, mask | bit);
      pairs += view.overlapPairs.get(line.partner)?.[FOCUS_INDEX[line.focus]] ?? 0;
    }
  }
  return {
    upkeep,
    overlapCost: pairs * RULES.overlapPenalty * envelope * state.reform.upkeepFactor,
    overlapPairs: pairs,
    activeProgrammes: view.programmes.length,
  };
}
