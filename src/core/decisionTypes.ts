/**
 * The shapes of a turn's decision (share, policy, tiers, allocation lines, policy actions),
 * apart from their validation in decision.ts, so the state and the upkeep rules can name
 * them without importing the validator (which imports them): no import cycle in the core.
 * See docs/architecture.md.
 */
import type { FocusArea } from './constants';

export type Tier = 1 | 2 | 3;

export interface AllocationLine {
  partner: string;
  focus: FocusArea;
  /** EUR millions. */
  amount: number;
  /** Which programme carries the money; the first eligible one offering the focus when omitted. */
  programme?: string;
}

export type PolicyAction =
  | { type: 'gapAnalysis'; partner: string }
  | { type: 'intelligence'; partner: string }
  | { type: 'rationalise'; mode: 'managerial' | 'strategic'; retire: string[] };

export interface TurnDecision {
  share: number;
  policy: 'equal' | 'priorities';
  /** Required when declaring priorities; partners left out keep the tier they had (3 if none). */
  tiers?: Record<string, Tier>;
  allocations: AllocationLine[];
  actions: PolicyAction[];
}
