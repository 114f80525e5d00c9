/**
 * The coherence tax: every running programme costs a fixed share of the envelope before a
 * euro reaches a partner, and overlapping programmes that serve the same partner and
 * focus cost extra management on top. Paid first, every turn (docs/rules.md).
 */
import type { Scenario } from './scenario';
import { FOCUS_COUNT } from './constants';
import { linePlaces, yearView, type GameState, type LinePlaces, type YearView } from './state';
import { RULES } from './rules';
import type { AllocationLine, TurnDecision } from './decisionTypes';

export interface Upkeep {
  upkeep: number;
  overlapCost: number;
  overlapPairs: number;
  activeProgrammes: number;
}

export function upkeepOf(scenario: Scenario, state: GameState, envelope: number, decision?: Pick<TurnDecision, 'allocations'>): Upkeep {
  return upkeepWith(scenario, state, envelope, decision?.allocations, decision && linePlaces(scenario, decision.allocations));
}

/** `upkeepOf` for lines whose places the caller has already looked up. */
export function upkeepWith(
  scenario: Scenario,
  state: GameState,
  envelope: number,
  lines: readonly AllocationLine[] | undefined,
  places: LinePlaces | undefined,
): Upkeep {
  const view = yearView(scenario, state);
  return upkeepFor(view, state, envelope, lines && places ? overlapPairsOf(scenario, view, lines, places) : 0);
}

/** The costs for `pairs` overlapping pairs in use (see `overlapPairsOf`). */
export function upkeepFor(view: YearView, state: GameState, envelope: number, pairs: number): Upkeep {
  return {
    upkeep: view.upkeepRate * envelope * state.reform.upkeepFactor,
    overlapCost: pairs * RULES.overlapPenalty * envelope * state.reform.upkeepFactor,
    overlapPairs: pairs,
    activeProgrammes: view.programmes.length,
  };
}

/**
 * Overlapping programme pairs the lines put to use: each partner × focus with money on it
 * counts the pairs of programmes offering it that year, once however many lines fund it.
 */
export function overlapPairsOf(scenario: Scenario, view: YearView, lines: readonly AllocationLine[], places: LinePlaces): number {
  const n = scenario.partners.length;
  // Focus areas already counted, by partner position.
  const served = new Uint8Array(n);
  let pairs = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].amount <= 0) continue;
    const at = places.at[i];
    // Unknown partners serve nothing that has overlaps.
    if (at < 0) continue;
    const focus = places.focus[i];
    // An unknown focus counts nothing but takes the first bit, as it always has.
    const bit = focus < 0 ? 1 : 1 << focus;
    if (served[at] & bit) continue;
    served[at] |= bit;
    if (focus >= 0) pairs += view.pairs[at * FOCUS_COUNT + focus];
  }
  return pairs;
}
