/**
 * Table-driven tests of the turn rules: what a decision may not do (typed rejections that
 * leave the state untouched) and what the rules do to the numbers a player watches.
 */
import { describe, expect, it } from 'vitest';
import { miniScenario } from '../support/builder';
import { startGame, playTurn } from '../../src/core/game';
import { resolveTurn } from '../../src/core/resolve';
import { validateDecision, type TurnDecision } from '../../src/core/decision';
import { envelopeFor, activePartners, readiness, type GameState } from '../../src/core/state';
import { upkeepOf } from '../../src/core/upkeep';
import { allocateEvenly, allocateByTiers, tiersByWeight } from '../../src/core/policies';
import { RULES } from '../../src/core/rules';
import { objectiveValue } from '../../src/core/score';
import { nextRandom, seedState } from '../../src/core/rng';

const scenario = miniScenario();
const fresh = () => startGame(scenario, 7);
const base = (state: GameState, over: Partial<TurnDecision> = {}): TurnDecision => ({
  share: 1.5,
  policy: 'equal',
  allocations: allocateEvenly(scenario, state, 1.5),
  actions: [],
  ...over,
});

describe('decisions that break a rule are rejected with a reason', () => {
  const state = fresh();
  const cases: [string, TurnDecision, string, string][] = [
    ['share below 1.0 %', base(state, { share: 0.9 }), 'share-range', 'share'],
    ['share above 2.0 %', base(state, { share: 2.1 }), 'share-range', 'share'],
    ['over-allocating the envelope', base(state, { policy: 'priorities', allocations: [{ partner: 'UKR', focus: 'interop', amount: 1000 }] }), 'over-envelope', 'allocation'],
    ['a negative amount', base(state, { allocations: [{ partner: 'UKR', focus: 'interop', amount: -1 }] }), 'negative-amount', 'allocation'],
    ['an unknown partner', base(state, { policy: 'priorities', allocations: [{ partner: 'XXX', focus: 'interop', amount: 1 }] }), 'unknown-partner', 'allocation'],
    ['a programme the partner is not eligible for', base(state, { policy: 'priorities', allocations: [{ partner: 'EGY', focus: 'interop', amount: 1, programme: 'ipp' }] }), 'not-eligible', 'allocation'],
    ['a focus no programme offers the partner', base(state, { policy: 'priorities', allocations: [{ partner: 'EGY', focus: 'interop', amount: 1 }] }), 'no-programme', 'allocation'],
    ['a programme not running yet', base(state, { policy: 'priorities', allocations: [{ partner: 'POL', focus: 'integrity', amount: 1, programme: 'mapsup' }] }), 'inactive-programme', 'allocation'],
    ['unequal money under equal treatment', base(state, { allocations: [{ partner: 'UKR', focus: 'interop', amount: 5 }] }), 'equal-treatment', 'allocation'],
    ['three policy actions', base(state, { actions: [{ type: 'intelligence', partner: 'UKR' }, { type: 'intelligence', partner: 'KAZ' }, { type: 'intelligence', partner: 'CHE' }] }), 'too-many-actions', 'actions'],
    ['the same action twice', base(state, { actions: [{ type: 'gapAnalysis', partner: 'UKR' }, { type: 'gapAnalysis', partner: 'UKR' }] }), 'duplicate-action', 'actions'],
  ];
  it.each(cases)('%s', (_name, decision, code, field) => {
    const before = JSON.stringify(state);
    const check = validateDecision(scenario, state, decision);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.code).toBe(code);
      expect(check.field).toBe(field);
      expect(check.reason.length).toBeGreaterThan(10);
    }
    const resolved = resolveTurn(scenario, state, decision);
    expect(resolved.ok).toBe(false);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('a policy action without enough consensus', () => {
    const poor = { ...state, alliance: { ...state.alliance, consensus: 6 } };
    const check = validateDecision(scenario, poor, base(poor, { actions: [{ type: 'rationalise', mode: 'strategic', retire: [] }] }));
    expect(check).toMatchObject({ ok: false, code: 'consensus', field: 'actions' });
  });

  it('a malformed decision is rejected, not thrown', () => {
    expect(validateDecision(scenario, state, {} as TurnDecision)).toMatchObject({ ok: false, code: 'bad-decision' });
    expect(validateDecision(scenario, state, { ...base(state), allocations: [null as never] })).toMatchObject({ ok: false });
  });
});

describe('the money', () => {
  it('envelope is share × common budget; upkeep is paid before allocation', () => {
    const state = fresh();
    expect(envelopeFor(scenario, state, 1.5)).toBeCloseTo(15);
    expect(envelopeFor(scenario, state, 2)).toBeCloseTo(20);
    const cost = upkeepOf(scenario, state, 15);
    // ipp 3 % + parp 3 % + tf 2 % + mdc 2 % (MAP support starts in 2002)
    expect(cost.upkeep).toBeCloseTo(15 * 0.1);
    const result = resolveTurn(scenario, state, base(state));
    expect(result.ok).toBe(true);
    if (result.ok) {
      const t = result.report.record;
      expect(t.allocated + t.upkeep + t.overlapCost).toBeLessThanOrEqual(t.envelope + 1e-9);
    }
  });

  it('overlapping programmes serving one partner and focus cost extra', () => {
    const state = fresh();
    const one = upkeepOf(scenario, state, 15, { allocations: [{ partner: 'UKR', focus: 'capacity', amount: 1 }] });
    const both = upkeepOf(scenario, state, 15, { allocations: [{ partner: 'UKR', focus: 'interop', amount: 1 }] });
    expect(one.overlapPairs).toBe(0);
    expect(both.overlapPairs).toBe(1);
    expect(both.overlapCost).toBeGreaterThan(one.overlapCost);
  });

  it('a partner with more money moves further, with diminishing returns', () => {
    const state = fresh();
    const gain = (amount: number) => {
      const r = resolveTurn(scenario, state, { share: 1.5, policy: 'priorities', allocations: [{ partner: 'UKR', focus: 'capacity', amount }], actions: [] });
      if (!r.ok) throw new Error(r.reason);
      return r.state.partners.UKR.defence - state.partners.UKR.defence;
    };
    const [g1, g4, g8] = [gain(1), gain(4), gain(8)];
    expect(g4).toBeGreaterThan(g1);
    expect(g8).toBeGreaterThan(g4);
    expect(g8 - g4).toBeLessThan(g4 - g1 + 1e-9);
  });

  it('self-financing partners achieve more with the same money', () => {
    const rich = miniScenario((s) => (s.partners.find((p) => p.id === 'UKR')!.selfFinancing = 0.7));
    const poor = miniScenario();
    const move = (sc: typeof rich) => {
      const st = startGame(sc, 7);
      const r = resolveTurn(sc, st, { share: 1.5, policy: 'priorities', allocations: [{ partner: 'UKR', focus: 'capacity', amount: 1 }], actions: [] });
      if (!r.ok) throw new Error(r.reason);
      return r.state.partners.UKR.defence - st.partners.UKR.defence;
    };
    expect(move(rich)).toBeGreaterThan(move(poor));
  });
});

describe('politics', () => {
  it('declaring priorities costs consensus once and trust among tier-3 partners', () => {
    const state = fresh();
    const tiers = tiersByWeight(scenario, state);
    const decision: TurnDecision = { share: 1.5, policy: 'priorities', tiers, allocations: allocateByTiers(scenario, state, 1.5, tiers), actions: [] };
    const equal = resolveTurn(scenario, state, base(state));
    const prio = resolveTurn(scenario, state, decision);
    if (!equal.ok || !prio.ok) throw new Error('rejected');
    expect(prio.state.alliance.consensus).toBeLessThan(equal.state.alliance.consensus - RULES.costs.declarePriorities + 5);
    const tier3 = Object.entries(tiers).filter(([, t]) => t === 3).map(([id]) => id);
    expect(tier3.length).toBeGreaterThan(0);
    for (const id of tier3) expect(prio.state.partners[id].trust).toBeLessThan(equal.state.partners[id].trust);
    // The second turn under priorities does not pay the declaration again.
    const again = resolveTurn(scenario, prio.state, { ...decision, allocations: allocateByTiers(scenario, prio.state, 1.5, tiers) });
    if (!again.ok) throw new Error(again.reason);
    expect(again.report.record.drivers.some((d) => d.cause === 'priorities' && d.metric === 'consensus')).toBe(false);
  });

  it('a gap analysis is accepted or refused by chance, and a refusal costs trust', () => {
    let accepted = 0;
    let refused = 0;
    for (let seed = 0; seed < 60; seed++) {
      const state = startGame(scenario, seed);
      const r = resolveTurn(scenario, state, base(state, { actions: [{ type: 'gapAnalysis', partner: 'UKR' }] }));
      if (!r.ok) throw new Error(r.reason);
      const ga = r.report.record.gapAnalyses[0];
      if (ga.accepted) {
        accepted++;
        expect(r.state.partners.UKR.revealed).toBe(true);
        expect(r.state.partners.UKR.targeting).toBeGreaterThan(0);
      } else {
        refused++;
        expect(r.state.partners.UKR.gapRefused).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
    // A partner that never accepts refuses every time.
    const state = startGame(scenario, 1);
    const egy = resolveTurn(scenario, state, base(state, { actions: [{ type: 'gapAnalysis', partner: 'EGY' }] }));
    if (!egy.ok) throw new Error(egy.reason);
    expect(egy.report.record.gapAnalyses[0].accepted).toBe(false);
    expect(validateDecision(scenario, egy.state, base(egy.state, { actions: [{ type: 'gapAnalysis', partner: 'EGY' }] }))).toMatchObject({ code: 'gap-refused' });
  });

  it('a strategic reform disrupts for a turn, then raises coherence more than a managerial one', () => {
    const run = (mode: 'managerial' | 'strategic') => {
      let state = fresh();
      const coherence: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = playTurn(scenario, state, base(state, { actions: i === 0 ? [{ type: 'rationalise', mode, retire: [] }] : [] }));
        if (!r.ok) throw new Error(r.reason);
        state = r.state;
        coherence.push(r.record.alliance.coherence);
      }
      return coherence;
    };
    const managerial = run('managerial');
    const strategic = run('strategic');
    expect(strategic[0]).toBeLessThan(managerial[0]);
    expect(strategic[2]).toBeGreaterThan(managerial[2]);
  });

  it('retiring a programme removes its upkeep from the next turn', () => {
    const state = fresh();
    const r = resolveTurn(scenario, state, base(state, { actions: [{ type: 'rationalise', mode: 'managerial', retire: ['parp'] }] }));
    if (!r.ok) throw new Error(r.reason);
    expect(upkeepOf(scenario, r.state, 15).upkeep).toBeLessThan(upkeepOf(scenario, state, 15).upkeep);
  });

  it('Allies whose push is honoured give consensus; ignored pushes cost it', () => {
    const state = fresh();
    const pushed = state.briefing.pushes[0].partner;
    const tiers = Object.fromEntries(activePartners(scenario, state).map((p) => [p.id, p.id === pushed ? 1 : 2] as const));
    const honoured = resolveTurn(scenario, state, { share: 1.5, policy: 'priorities', tiers, allocations: allocateByTiers(scenario, state, 1.5, tiers), actions: [] });
    if (!honoured.ok) throw new Error(honoured.reason);
    expect(honoured.report.record.drivers.some((d) => d.cause === 'pushHonoured')).toBe(true);
    const ignored = resolveTurn(scenario, state, { share: 1.5, policy: 'priorities', tiers: { ...tiers, [pushed]: 3 }, allocations: allocateByTiers(scenario, state, 1.5, { ...tiers, [pushed]: 3 }), actions: [] });
    if (!ignored.ok) throw new Error(ignored.reason);
    expect(ignored.report.record.drivers.some((d) => d.cause === 'pushIgnored')).toBe(true);
  });

  it('a partner outbid by a competitor drifts towards it', () => {
    const state = fresh();
    const offer = state.briefing.offers[0];
    expect(offer).toBeDefined();
    const r = resolveTurn(scenario, state, { share: 1.5, policy: 'priorities', allocations: [], actions: [] });
    if (!r.ok) throw new Error(r.reason);
    expect(r.report.record.offersOutbid).toBeGreaterThan(0);
    expect(r.state.influence.russia.east).toBeGreaterThan(state.influence.russia.east);
  });
});

describe('events and eras', () => {
  it('counts partners aligned with NATO at the objective\'s own threshold, 60 when it sets none', () => {
    const state = structuredClone(fresh());
    const active = activePartners(scenario, state);
    expect(active.length).toBeGreaterThanOrEqual(3);
    active.forEach((p, i) => (state.partners[p.id].alignment = [50, 56, 61][i % 3]));
    const count = (threshold?: number) => objectiveValue(scenario, state, { id: 'a', label: { en: 'a', fr: 'a' }, metric: 'alignedPartners', target: 5, lowerIsBetter: false, weight: 1, threshold });
    const at = (min: number) => active.filter((p) => state.partners[p.id].alignment >= min).length;
    expect(count()).toBe(at(60));
    expect(count(55)).toBe(at(55));
    expect(count(55)).toBeGreaterThan(count());
  });

  it('a historical event fires in its year; its counterfactual variant when its condition fails', () => {
    let state = fresh();
    let r = playTurn(scenario, state, base(state));
    if (!r.ok) throw new Error(r.reason);
    state = r.state;
    expect(state.year).toBe(2001);
    const low = { ...state, alliance: { ...state.alliance, consensus: 10 } };
    const a = playTurn(scenario, state, base(state));
    const b = playTurn(scenario, low, base(low));
    if (!a.ok || !b.ok) throw new Error('rejected');
    expect(a.record.events.find((e) => e.id === 'summit')?.counterfactual).toBe(false);
    expect(b.record.events.find((e) => e.id === 'summit')?.counterfactual).toBe(true);
  });

  it('an inject chained on another fires only after the named choice', () => {
    const state = fresh();
    const r = playTurn(scenario, state, base(state), (_s, id) => (id === '1' ? 'b' : undefined));
    if (!r.ok) throw new Error(r.reason);
    const r2 = playTurn(scenario, r.state, base(r.state));
    if (!r2.ok) throw new Error(r2.reason);
    expect(r2.record.events.some((e) => e.source === 'inject' && e.id === '2')).toBe(true);
    const q = playTurn(scenario, state, base(state));
    if (!q.ok) throw new Error(q.reason);
    const q2 = playTurn(scenario, q.state, base(q.state));
    if (!q2.ok) throw new Error(q2.reason);
    expect(q2.record.events.some((e) => e.source === 'inject' && e.id === '2')).toBe(false);
  });

  it('a partner that joins NATO stops being a partner', () => {
    let state = fresh();
    while (state.year < 2003) {
      const r = playTurn(scenario, state, base(state));
      if (!r.ok) throw new Error(r.reason);
      state = r.state;
    }
    expect(state.partners.POL.member).toBe(true);
    expect(activePartners(scenario, state).some((p) => p.id === 'POL')).toBe(false);
  });

  it('readiness is the mean of four attributes', () => {
    expect(readiness({ interoperability: 60, institutions: 70, stability: 80, defence: 50 })).toBe(65);
  });
});

describe('the seeded generator', () => {
  it('is deterministic and spreads evenly', () => {
    let s = seedState(42);
    const values: number[] = [];
    for (let i = 0; i < 10000; i++) {
      const [next, r] = nextRandom(s);
      s = next;
      values.push(r);
    }
    let t = seedState(42);
    for (let i = 0; i < 10; i++) {
      const [next, r] = nextRandom(t);
      t = next;
      expect(r).toBe(values[i]);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
