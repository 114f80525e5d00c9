/**
 * A field shows two decimals: typing back what it showed (0.28 for 0.2799…) must never
 * push the plan over the money left (QA, era 4: "€33.8576m exceed the €33.8575m left").
 * The check allows half a displayed hundredth (ALLOCATION_TOLERANCE), and no more.
 */
import { describe, expect, it } from 'vitest';
import { ALLOCATION_TOLERANCE, validateDecision, type TurnDecision } from '../../src/core/decision';
import { budgetFacts } from '../../src/core/planning';
import { allocateEvenly } from '../../src/core/policies';
import { startGame } from '../../src/core/game';
import { RULES } from '../../src/core/rules';
import { miniScenario } from '../support/builder';

const scenario = miniScenario();

describe('an amount typed back as the field showed it', () => {
  const state = startGame(scenario, 1);
  const share = RULES.shareMin;
  const even: TurnDecision = { share, policy: 'equal', allocations: allocateEvenly(scenario, state, share), actions: [] };
  const facts = budgetFacts(scenario, state, even, null);
  const available = facts.envelope - facts.upkeep - facts.overlapCost;

  it('is accepted when it rounds a line up by less than half a hundredth', () => {
    expect(validateDecision(scenario, state, even).ok).toBe(true);
    // A line typed back as its field showed it: up to just under half a hundredth more (0.2751 shown and typed as 0.28).
    const lines = even.allocations.map((l, i) => (i === 0 ? { ...l, amount: l.amount + 0.0049 } : l));
    const over = lines.reduce((s, l) => s + l.amount, 0) - available;
    expect(over).toBeGreaterThan(1e-6);
    expect(over).toBeLessThanOrEqual(ALLOCATION_TOLERANCE);
    expect(validateDecision(scenario, state, { ...even, allocations: lines })).toEqual({ ok: true });
  });

  it('is refused past half a hundredth', () => {
    const lines = even.allocations.map((l, i) => (i === 0 ? { ...l, amount: l.amount + 0.006 } : l));
    const check = validateDecision(scenario, state, { ...even, allocations: lines });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.code).toBe('over-envelope');
  });
});
