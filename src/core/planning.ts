/**
 * Planning facts computed once, in the core: what the board shows during planning and
 * whether each control is legal, read from the state and the draft decision with the same
 * formulas the turn's resolution uses (src/core/resolve.ts and its reference twin in
 * src/core/rules/turn.ts). The scenes only format these numbers and send events; they
 * hold no rule of their own. This is the start of the `planningView` of issue 10 point 4
 * (see docs/architecture.md); pure, no DOM, no randomness.
 */
import { RULES } from './rules';
import { decisionCost } from './decision';
import type { TurnDecision } from './decisionTypes';
import type { Scenario } from './scenario';
import { clamp, type GameState, type Tier } from './state';

/** Consensus a share costs every turn (each 0.1 point above the minimum), as resolution charges it. */
export function shareConsensusCost(share: number): number {
  return ((share - RULES.shareMin) / 0.1) * RULES.consensusPerShareStep;
}

/** The tier a partner will hold when the actions resolve under `draft` (null under equal treatment). */
export function tierUnderDraft(state: GameState, draft: Pick<TurnDecision, 'policy' | 'tiers'>, partnerId: string): Tier | null {
  if (draft.policy !== 'priorities') return null;
  return draft.tiers?.[partnerId] ?? state.partners[partnerId]?.tier ?? 3;
}

/**
 * The chance (0–1) that `partnerId` accepts a gap analysis ordered in `draft`: its
 * willingness scaled by trust, plus a bonus for tier 1, as the resolution's roll. Trust is
 * the trust the partner will have at the roll: declaring priorities this turn first costs
 * the last tier some trust. Null for a partner the scenario does not have.
 */
export function gapAnalysisOdds(scenario: Scenario, state: GameState, draft: Pick<TurnDecision, 'policy' | 'tiers'>, partnerId: string): number | null {
  const partner = scenario.partners.find((p) => p.id === partnerId);
  const ps = state.partners[partnerId];
  if (!partner || !ps) return null;
  const tier = tierUnderDraft(state, draft, partnerId);
  const declaring = draft.policy === 'priorities' && state.policy !== 'priorities';
  const trust = declaring && tier === 3 ? clamp(ps.trust - RULES.declaredTrustLoss) : ps.trust;
  const tierBonus = tier === 1 ? 0.15 : 0;
  return Math.min(1, Math.max(0, partner.gapWillingness * (0.35 + (0.65 * trust) / 100) + tierBonus));
}

/** Why a partner-level action cannot be added now, or null when it can (the same checks as validation, plus the action slots and consensus). */
export type ActionBlock = 'slots' | 'gap-refused' | 'already-known' | 'consensus' | 'inactive-partner';

export function partnerActionBlock(state: GameState, draft: TurnDecision, type: 'gapAnalysis' | 'intelligence', partnerId: string): ActionBlock | null {
  const ps = state.partners[partnerId];
  if (!ps) return 'inactive-partner';
  if (draft.actions.length >= RULES.maxActions) return 'slots';
  if (draft.actions.some((a) => a.type === type && a.partner === partnerId)) return 'already-known';
  if (type === 'gapAnalysis' && ps.gapRefused) return 'gap-refused';
  if (type === 'gapAnalysis' && ps.targeting > 0) return 'already-known';
  if (type === 'intelligence' && ps.revealed) return 'already-known';
  if (decisionCost(state, draft) + RULES.costs[type] > state.alliance.consensus + 1e-9) return 'consensus';
  return null;
}

/** What the budget column needs to warn about: money allocated and money left unspent. */
export interface MoneyFacts {
  allocated: number;
  /** Envelope minus upkeep, overlap and allocations; negative when over. */
  left: number;
  /** True when more than a rounding's worth is left unallocated (the player is asked before resolving). */
  unallocated: boolean;
}

export function moneyFacts(envelope: number, upkeep: number, overlapCost: number, draft: Pick<TurnDecision, 'allocations'>): MoneyFacts {
  const allocated = draft.allocations.reduce((s, l) => s + l.amount, 0);
  const left = envelope - upkeep - overlapCost - allocated;
  return { allocated, left, unallocated: left >= 0.05 };
}
