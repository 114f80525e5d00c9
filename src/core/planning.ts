/**
 * Planning facts computed once, in the core: what the board shows during planning and
 * whether each control is legal, read from the state and the draft decision with the same
 * formulas the turn's resolution uses (src/core/resolve.ts and its reference twin in
 * src/core/rules/turn.ts). The scenes only format these numbers and send events; they
 * hold no rule of their own. This is the start of the `planningView` of issue 10 point 4
 * (see docs/architecture.md); pure, no DOM, no randomness.
 */
import { gapAcceptance, RULES } from './rules';
import { SHARE_STEP } from './constants';
import { decisionCost } from './decision';
import type { TurnDecision } from './decisionTypes';
import type { Programme, Scenario } from './scenario';
import { activeProgrammes, clamp, commonBudget, envelopeFor, type GameState, type Tier, type TurnRecord } from './state';
import { upkeepOf } from './upkeep';

/** Consensus a share costs every turn (each `SHARE_STEP` above the minimum), as resolution charges it. */
export function shareConsensusCost(share: number): number {
  return ((share - RULES.shareMin) / SHARE_STEP) * RULES.consensusPerShareStep;
}

/**
 * A share the player asked for, as the plan holds it: kept within the rules' bounds and on
 * the share's step (so 1.2 stays 1.2, not 1.2000000000000002).
 */
export function shareWithinRules(share: number): number {
  const perUnit = Math.round(1 / SHARE_STEP);
  return Math.round(Math.min(RULES.shareMax, Math.max(RULES.shareMin, share)) * perUnit) / perUnit;
}

/** The share control: its bounds and step, whether it can go down or up, and what it costs a turn. */
export interface ShareFacts {
  share: number;
  min: number;
  max: number;
  step: number;
  canLower: boolean;
  canRaise: boolean;
  /** Consensus the share costs every turn (`shareConsensusCost`). */
  consensusPerTurn: number;
}

export function shareFacts(share: number): ShareFacts {
  return {
    share,
    min: RULES.shareMin,
    max: RULES.shareMax,
    step: SHARE_STEP,
    canLower: share > RULES.shareMin + 1e-9,
    canRaise: share < RULES.shareMax - 1e-9,
    consensusPerTurn: shareConsensusCost(share),
  };
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
  return gapAcceptance(partner.gapWillingness, trust, tier === 1);
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

/** Money left below this (€0.05m) is a rounding's worth, not money forgotten: the player is not asked about it. */
export const UNALLOCATED_THRESHOLD = 0.05;

export function moneyFacts(envelope: number, upkeep: number, overlapCost: number, draft: Pick<TurnDecision, 'allocations'>): MoneyFacts {
  const allocated = draft.allocations.reduce((s, l) => s + l.amount, 0);
  const left = envelope - upkeep - overlapCost - allocated;
  return { allocated, left, unallocated: left >= UNALLOCATED_THRESHOLD };
}

/** One running programme's upkeep this year: its rate (after reforms) and its cost out of the envelope. */
export interface ProgrammeUpkeep {
  programme: Programme;
  /** Percent of the envelope, after the reforms' upkeep factor. */
  percent: number;
  cost: number;
}

/**
 * Everything the budget column shows, for the plan in hand or, once the year resolved, for
 * what it actually cost (`record`, the year's turn record): the envelope and the
 * common-funded budget it is a share of, upkeep paid first (each programme's line, the
 * overlaps) and the money allocated and left.
 */
export interface BudgetFacts extends MoneyFacts {
  share: number;
  envelope: number;
  /** NATO's common-funded budget that year, as the scenario gives it (its sourced figure). */
  commonBudget: number;
  /**
   * What the year's events make of the envelope (1: nothing; 0.975: 2.5 % less): the envelope
   * is `share` percent of the common budget times this. Shown apart, so an event's cost never
   * reads as a change in NATO's real budget.
   */
  budgetFactor: number;
  upkeep: number;
  overlapCost: number;
  overlapPairs: number;
  programmes: ProgrammeUpkeep[];
  /** True when the figures are the resolved year's, from its record. */
  resolved: boolean;
}

export function budgetFacts(
  scenario: Scenario,
  state: GameState,
  plan: Pick<TurnDecision, 'share' | 'allocations'> | null,
  record: TurnRecord | null = null,
): BudgetFacts {
  const lines = plan ?? { allocations: [] };
  const share = record?.share ?? plan?.share ?? state.share;
  const envelope = record?.envelope ?? envelopeFor(scenario, state, share);
  const costs = upkeepOf(scenario, state, envelope, lines);
  const upkeep = record?.upkeep ?? costs.upkeep;
  const overlapCost = record?.overlapCost ?? costs.overlapCost;
  const money = moneyFacts(envelope, upkeep, overlapCost, lines);
  const allocated = record?.allocated ?? money.allocated;
  const factor = state.reform.upkeepFactor;
  const common = commonBudget(scenario, record?.year ?? state.year);
  return {
    share,
    envelope,
    commonBudget: common,
    budgetFactor: common > 0 && share > 0 ? envelope / ((share / 100) * common) : 1,
    upkeep,
    overlapCost,
    overlapPairs: record?.overlapPairs ?? costs.overlapPairs,
    programmes: activeProgrammes(scenario, state).map((p) => ({ programme: p, percent: p.upkeep * 100 * factor, cost: p.upkeep * envelope * factor })),
    allocated,
    left: record ? envelope - upkeep - overlapCost - allocated : money.left,
    unallocated: money.unallocated,
    resolved: record !== null,
  };
}
