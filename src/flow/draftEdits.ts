/**
 * The planning draft's edits (docs/architecture.md, "One turn pipeline"): what the board's
 * controls do to the plan in hand — the share, the policy, a partner's tier, a line's
 * amount, spreading the money equally or by tiers, adding or removing an action. The solo
 * statechart and NATO's staff at an exercise's board both edit their draft through this one
 * function, so a control behaves the same in both; the draft is then validated by the core.
 */
import type { Scenario } from '../core/scenario';
import type { GameState, Tier } from '../core/state';
import type { AllocationLine, PolicyAction, TurnDecision } from '../core/decision';
import type { FocusArea } from '../core/scenario';
import { tiersByWeight, allocateByTiers, allocateEvenly } from '../core/policies';

export type DraftEdit =
  | { type: 'share.set'; share: number }
  | { type: 'policy.set'; policy: 'equal' | 'priorities' }
  | { type: 'tier.set'; partner: string; tier: Tier }
  | { type: 'allocation.set'; partner: string; focus: FocusArea; amount: number }
  | { type: 'allocation.spread'; mode: 'equal' | 'prioritise' }
  | { type: 'action.add'; action: PolicyAction }
  | { type: 'action.remove'; index: number }
  | { type: 'decision.set'; decision: TurnDecision };

export const DRAFT_EDITS: readonly DraftEdit['type'][] = ['share.set', 'policy.set', 'tier.set', 'allocation.set', 'allocation.spread', 'action.add', 'action.remove', 'decision.set'];

export const isDraftEdit = (event: { type: string }): event is DraftEdit => (DRAFT_EDITS as readonly string[]).includes(event.type);

/** The draft after an edit, or null when the edit changes nothing. Tiers by weight use the weights the scenario given holds. */
export function editDraft(scenario: Scenario, game: GameState, d: TurnDecision, edit: DraftEdit): TurnDecision | null {
  switch (edit.type) {
    case 'share.set':
      return { ...d, share: Math.round(edit.share * 10) / 10 };
    case 'policy.set': {
      if (edit.policy === d.policy) return null;
      if (edit.policy === 'equal') return { ...d, policy: 'equal', tiers: undefined, allocations: allocateEvenly(scenario, game, d.share) };
      const tiers = { ...tiersByWeight(scenario, game), ...d.tiers };
      return { ...d, policy: 'priorities', tiers, allocations: allocateByTiers(scenario, game, d.share, tiers) };
    }
    case 'tier.set':
      return { ...d, tiers: { ...d.tiers, [edit.partner]: edit.tier } };
    case 'allocation.set': {
      const others = d.allocations.filter((l) => !(l.partner === edit.partner && l.focus === edit.focus));
      const line: AllocationLine = { partner: edit.partner, focus: edit.focus, amount: Math.max(0, edit.amount) };
      return { ...d, allocations: line.amount > 0 ? [...others, line] : others };
    }
    case 'allocation.spread': {
      const at = { ...game, share: d.share };
      if (edit.mode === 'equal') return { ...d, policy: 'equal', allocations: allocateEvenly(scenario, at, d.share) };
      const tiers = { ...tiersByWeight(scenario, at), ...d.tiers };
      return { ...d, policy: 'priorities', tiers, allocations: allocateByTiers(scenario, at, d.share, tiers) };
    }
    case 'action.add':
      return { ...d, actions: [...d.actions, edit.action] };
    case 'action.remove':
      return { ...d, actions: d.actions.filter((_, i) => i !== edit.index) };
    case 'decision.set':
      return edit.decision;
  }
}
