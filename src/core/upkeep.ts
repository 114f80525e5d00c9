/**
 * The coherence tax: every running programme costs a fixed share of the envelope before a
 * euro reaches a partner, and overlapping programmes that serve the same partner and
 * focus cost extra management on top. Paid first, every turn (GAME.md §5).
 */
import type { Scenario } from './scenario';
import { activeProgrammes, eligible, type GameState } from './state';
import { RULES } from './rules';
import type { TurnDecision } from './decision';

export interface Upkeep {
  upkeep: number;
  overlapCost: number;
  overlapPairs: number;
  activeProgrammes: number;
}

export function upkeepOf(scenario: Scenario, state: GameState, envelope: number, decision?: Pick<TurnDecision, 'allocations'>): Upkeep {
  const programmes = activeProgrammes(scenario, state);
  let rate = 0;
  for (const p of programmes) rate += p.upkeep;
  const upkeep = rate * envelope * state.reform.upkeepFactor;

  let pairs = 0;
  if (decision) {
    const served = new Set<string>();
    for (const line of decision.allocations) {
      if (line.amount <= 0) continue;
      const key = `${line.partner}:${line.focus}`;
      if (served.has(key)) continue;
      served.add(key);
      const offering = programmes.filter((p) => p.focus.includes(line.focus) && eligible(scenario, state, p, line.partner));
      for (let i = 0; i < offering.length; i++) {
        for (let j = i + 1; j < offering.length; j++) {
          if (offering[i].overlaps.includes(offering[j].id) || offering[j].overlaps.includes(offering[i].id)) pairs++;
        }
      }
    }
  }
  return {
    upkeep,
    overlapCost: pairs * RULES.overlapPenalty * envelope * state.reform.upkeepFactor,
    overlapPairs: pairs,
    activeProgrammes: programmes.length,
  };
}
