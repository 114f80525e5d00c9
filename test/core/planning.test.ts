/**
 * Planning facts (src/core/planning.ts): hand-worked values, and the gap analysis's odds
 * checked against the resolution's own roll over many seeds, so the number the board shows
 * before the player spends is the chance the rules actually give. The budget column's and
 * the share control's facts, worked by hand on the mini scenario.
 */
import { describe, expect, it } from 'vitest';
import { budgetFacts, gapAnalysisOdds, moneyFacts, partnerActionBlock, shareConsensusCost, shareFacts, shareWithinRules } from '../../src/core/planning';
import { SHARE_STEP } from '../../src/core/constants';
import { playTurn, startGame } from '../../src/core/game';
import { RULES } from '../../src/core/rules';
import type { TurnDecision } from '../../src/core/state';
import { miniScenario } from '../support/builder';

const scenario = miniScenario();
const decision = (over: Partial<TurnDecision> = {}): TurnDecision => ({ share: RULES.shareMin, policy: 'equal', allocations: [], actions: [], ...over });

describe('gap analysis odds', () => {
  const state = startGame(scenario, 1);
  state.partners.UKR.trust = 55;

  it('is willingness x (0.35 + 0.65 x trust), worked by hand', () => {
    // 0.6 x (0.35 + 0.65 x 0.55) = 0.4245
    expect(gapAnalysisOdds(scenario, state, decision(), 'UKR')).toBeCloseTo(0.4245, 10);
  });
  it('adds 0.15 for a partner in tier 1', () => {
    expect(gapAnalysisOdds(scenario, state, decision({ policy: 'priorities', tiers: { UKR: 1 } }), 'UKR')).toBeCloseTo(0.5745, 10);
  });
  it('counts the trust a tier-3 partner loses when priorities are declared this turn', () => {
    // trust 55 - 7 = 48: 0.6 x (0.35 + 0.312) = 0.3972
    expect(RULES.declaredTrustLoss).toBe(7);
    expect(gapAnalysisOdds(scenario, state, decision({ policy: 'priorities', tiers: { UKR: 3 } }), 'UKR')).toBeCloseTo(0.3972, 10);
  });
  it('stays within 0..1 and knows no unknown partner', () => {
    expect(gapAnalysisOdds(scenario, state, decision(), 'EGY')).toBe(0);
    expect(gapAnalysisOdds(scenario, state, decision({ policy: 'priorities', tiers: { POL: 1 } }), 'POL')).toBeLessThanOrEqual(1);
    expect(gapAnalysisOdds(scenario, state, decision(), 'XXX')).toBeNull();
  });

  it.each([
    ['equal treatment', decision()],
    ['tier 1', decision({ policy: 'priorities', tiers: { UKR: 1 } })],
  ])('matches how often the resolution accepts (%s, 1,200 seeds)', (_name, base) => {
    let accepted = 0;
    let odds = 0;
    const runs = 1200;
    for (let seed = 1; seed <= runs; seed++) {
      const s = startGame(scenario, seed);
      const d = { ...base, actions: [{ type: 'gapAnalysis' as const, partner: 'UKR' }] };
      odds += gapAnalysisOdds(scenario, s, d, 'UKR')!;
      const result = playTurn(scenario, s, d);
      if (!result.ok) throw new Error(result.reason);
      if (result.record.gapAnalyses[0].accepted) accepted++;
    }
    const expected = odds / runs;
    // Three standard deviations of a binomial proportion.
    expect(Math.abs(accepted / runs - expected)).toBeLessThan(3 * Math.sqrt((expected * (1 - expected)) / runs));
  });
});

describe('other planning facts', () => {
  it('charges the share as the resolution does', () => {
    expect(shareConsensusCost(RULES.shareMin)).toBe(0);
    expect(shareConsensusCost(RULES.shareMin + 0.5)).toBeCloseTo(5 * RULES.consensusPerShareStep, 10);
  });
  it('says why a partner action cannot be added', () => {
    const state = startGame(scenario, 1);
    expect(partnerActionBlock(state, decision(), 'gapAnalysis', 'UKR')).toBeNull();
    state.partners.UKR.gapRefused = true;
    expect(partnerActionBlock(state, decision(), 'gapAnalysis', 'UKR')).toBe('gap-refused');
    expect(partnerActionBlock(state, decision({ actions: [{ type: 'intelligence', partner: 'POL' }, { type: 'intelligence', partner: 'KAZ' }] }), 'intelligence', 'CHE')).toBe('slots');
    state.alliance.consensus = 1;
    expect(partnerActionBlock(state, decision(), 'intelligence', 'CHE')).toBe('consensus');
  });
  it('flags money left unallocated', () => {
    expect(moneyFacts(10, 2, 1, { allocations: [{ partner: 'UKR', focus: 'capacity', amount: 4 }] })).toEqual({ allocated: 4, left: 3, unallocated: true });
    expect(moneyFacts(10, 2, 1, { allocations: [{ partner: 'UKR', focus: 'capacity', amount: 7 }] }).unallocated).toBe(false);
  });
});

describe('budget column facts', () => {
  // Mini scenario, 2000: common budget 1,000; running IPP 3 %, PARP 3 %, MD cooperation 2 %,
  // trust funds 2 % (10 % of the envelope); IPP and PARP overlap on interoperability.
  const state = startGame(scenario, 1);
  const plan = { share: 1.5, allocations: [{ partner: 'UKR', focus: 'interop' as const, amount: 4 }] };

  it('works the plan in hand: envelope, upkeep first, the overlap, money left', () => {
    const facts = budgetFacts(scenario, state, plan);
    expect(facts.envelope).toBeCloseTo(15, 10); // 1.5 % of 1,000
    expect(facts.commonBudget).toBeCloseTo(1000, 10);
    expect(facts.upkeep).toBeCloseTo(1.5, 10); // 10 % of 15
    expect(facts.overlapPairs).toBe(1);
    expect(facts.overlapCost).toBeCloseTo(1 * RULES.overlapPenalty * 15, 10);
    expect(facts.allocated).toBe(4);
    expect(facts.left).toBeCloseTo(15 - 1.5 - 0.015 - 4, 10);
    expect(facts.unallocated).toBe(true);
    expect(facts.resolved).toBe(false);
    expect(facts.programmes.map((p) => [p.programme.id, p.percent])).toEqual([['ipp', 3], ['parp', 3], ['tf', 2], ['mdc', 2]]);
    expect(facts.programmes.reduce((s, p) => s + p.cost, 0)).toBeCloseTo(facts.upkeep, 10);
  });

  it('scales upkeep by the reforms and reads a resolved year from its record', () => {
    const reformed = startGame(scenario, 1);
    reformed.reform.upkeepFactor = 0.5;
    expect(budgetFacts(scenario, reformed, plan).upkeep).toBeCloseTo(0.75, 10);
    expect(budgetFacts(scenario, reformed, plan).programmes[0].percent).toBeCloseTo(1.5, 10);
    const played = playTurn(scenario, startGame(scenario, 1), decision({ share: 1.5, policy: 'priorities', allocations: plan.allocations }));
    if (!played.ok) throw new Error(played.reason);
    const rec = played.record;
    const facts = budgetFacts(scenario, played.state, null, rec);
    expect(facts.resolved).toBe(true);
    expect([facts.share, facts.envelope, facts.upkeep, facts.overlapCost, facts.allocated]).toEqual([rec.share, rec.envelope, rec.upkeep, rec.overlapCost, rec.allocated]);
    expect(facts.left).toBeCloseTo(rec.envelope - rec.upkeep - rec.overlapCost - rec.allocated, 10);
  });

  it('gives the share control its bounds, step and cost, and keeps a share on its step', () => {
    expect(SHARE_STEP).toBe(0.1);
    expect(shareFacts(RULES.shareMin)).toEqual({ share: RULES.shareMin, min: RULES.shareMin, max: RULES.shareMax, step: SHARE_STEP, canLower: false, canRaise: true, consensusPerTurn: 0 });
    expect(shareFacts(RULES.shareMax).canRaise).toBe(false);
    expect(shareFacts(1.5).consensusPerTurn).toBeCloseTo(5 * RULES.consensusPerShareStep, 10);
    expect(shareWithinRules(1.1 + 0.1)).toBe(1.2);
    expect(shareWithinRules(0.4)).toBe(RULES.shareMin);
    expect(shareWithinRules(7)).toBe(RULES.shareMax);
  });
});
