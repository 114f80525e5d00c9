/**
 * One test per rule that the hand mutation check (docs/architecture.md, "Mutation check")
 * found without a test of its own: each plays the fast path (resolveTurn, drawEvents,
 * chooseEvent, endTurn) on the mini scenario and checks the rule's number worked out by
 * hand, mostly through the turn's drivers, which name every change by its cause. The
 * reference rules are held to the same numbers by test/core/reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { miniScenario } from '../support/builder';
import { startGame } from '../../src/core/game';
import { resolveTurn } from '../../src/core/resolve';
import { chooseEvent, drawEvents, endTurn } from '../../src/core/events';
import type { TurnDecision } from '../../src/core/decision';
import type { Driver, GameState, TurnRecord } from '../../src/core/state';
import type { Region } from '../../src/core/scenario';
import { nextRandom, worldState } from '../../src/core/rng';
import { RULES } from '../../src/core/rules';

const scenario = miniScenario();
/** Seed 7's first year (2000): POL, UKR, KAZ, CHE and EGY are partners, all at trust 55 and alignment 55. */
const fresh = (change?: (s: GameState) => void): GameState => {
  const s = structuredClone(startGame(scenario, 7));
  change?.(s);
  return s;
};
/** No money at all, equal treatment, share 1.5 %. */
const NOTHING: TurnDecision = { share: 1.5, policy: 'equal', allocations: [], actions: [] };

function resolved(state: GameState, decision: TurnDecision = NOTHING): { state: GameState; record: TurnRecord } {
  const r = resolveTurn(scenario, state, decision);
  if (!r.ok) throw new Error(r.reason);
  return { state: r.state, record: r.report.record };
}

/** The driver of (metric, cause, subject); its delta, 0 when there is none. */
function driver(record: TurnRecord, metric: string, cause: Driver['cause'], subject?: string): number {
  return record.drivers.find((d) => d.metric === metric && d.cause === cause && d.subject === subject)?.delta ?? 0;
}

describe('consensus, relevance and the share', () => {
  it('share 1.5 % costs 5 steps × 0.3 consensus; consensus drifts 10 % of the way back to 60; relevance moves (1.5 − 1.5) × 2', () => {
    const { record } = resolved(fresh());
    expect(driver(record, 'consensus', 'share')).toBeCloseTo(-1.5, 12);
    // 60 − 1.5 = 58.5, then (60 − 58.5) × 0.1
    expect(driver(record, 'consensus', 'drift')).toBeCloseTo(0.15, 12);
    expect(driver(record, 'relevance', 'share')).toBe(0);
  });

  it('below 35 consensus Allies go bilateral: −3 relevance; above it, nothing', () => {
    // 30 − 1.5 + (60 − 28.5) × 0.1 − 1.5 × 2 ignored pushes = 28.65 < 35
    expect(driver(resolved(fresh((s) => (s.alliance.consensus = 30))).record, 'relevance', 'bilateral')).toBe(-3);
    expect(driver(resolved(fresh()).record, 'relevance', 'bilateral')).toBe(0);
  });

  it("relevance moves by (mean alignment − 55) / 15 from partners' alignment", () => {
    const { record } = resolved(fresh());
    expect(driver(record, 'relevance', 'funding')).toBeCloseTo((record.avgAlignment - 55) / 15, 12);
  });
});

describe('coherence, decay and pressure', () => {
  it('coherence moves 35 % of the way to 100 − 170 × upkeep share: 70 → 70 + (83 − 70) × 0.35', () => {
    const { record } = resolved(fresh());
    // upkeep 10 % of the envelope (ipp 3 + parp 3 + tf 2 + mdc 2), no overlap
    expect(record.upkeep / record.envelope).toBeCloseTo(0.1, 12);
    expect(driver(record, 'coherence', 'upkeep')).toBeCloseTo(4.55, 10);
  });

  it('unmaintained metrics lose 12 % of their height above 30: security and regions 50 → −2.4 with no money', () => {
    const { record } = resolved(fresh());
    for (const metric of ['security', 'stabilityEast', 'stabilitySouth', 'liberalOrder']) expect(driver(record, metric, 'drift')).toBeCloseTo(-2.4, 10);
    expect(driver(record, 'security', 'funding')).toBe(0);
  });

  it('money that moves partners raises their region and security', () => {
    const state = fresh();
    const { record } = resolved(state, { share: 1.5, policy: 'priorities', tiers: { POL: 1, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 }, allocations: [{ partner: 'POL', focus: 'interop', amount: 6 }], actions: [] });
    expect(driver(record, 'stabilityEast', 'funding')).toBeGreaterThan(0.5);
    expect(driver(record, 'security', 'funding')).toBeGreaterThan(0.5);
  });

  it("a region's stability loses (influence − 50) / 40 where a competitor's influence is above 50", () => {
    const { record } = resolved(fresh((s) => (s.influence.russia.east = 90)));
    expect(driver(record, 'stabilityEast', 'competitor')).toBeCloseTo(-(record.influence.russia.east - 50) / 40, 12);
    expect(driver(record, 'stabilitySouth', 'competitor')).toBe(0);
  });
});

describe("a partner's year without money", () => {
  const { state } = resolved(fresh());
  it("partners reform on their own (aspirants 1.5, others 0.2, × min(1.3, trust / 60)) and unfunded skills fade by 0.35", () => {
    // POL, aspirant: 60 + 1.5 × 55/60 − 0.35; CHE: 40 + 0.2 × 55/60 − 0.35
    expect(state.partners.POL.interoperability).toBeCloseTo(60 + 1.375 - 0.35, 12);
    expect(state.partners.POL.defence).toBeCloseTo(58 + 1.375 - 0.35, 12);
    expect(state.partners.CHE.institutions).toBeCloseTo(40 + 0.2 * (55 / 60) - 0.35, 12);
  });

  it('satisfaction 0.3 × 0.5 (no equal share to compare with) moves trust by (0.15 − 0.5) × 7; alignment by (trust − 50) / 40', () => {
    expect(state.partners.CHE.satisfaction).toBeCloseTo(0.15, 12);
    expect(state.partners.CHE.trust).toBeCloseTo(55 - 2.45, 12);
    expect(state.partners.CHE.alignment).toBeCloseTo(55 + 2.55 / 40, 12);
  });
});

describe('diminishing returns and overhead', () => {
  it('progress on a funded focus is gain × e³ / (e³ + threshold³), e = money × (1 − overhead) × self-financing', () => {
    // UKR, low capability (threshold 0.5, gain 4), self-financing 0.1 (× 1 + 0.1/0.9), 0.5 on capacity → defence.
    // Overhead 0.08 + 0.35 × (1 − coherence/100), coherence 70 → 74.55 first (upkeep 10 % of the envelope).
    const { state } = resolved(fresh(), { share: 1.5, policy: 'priorities', tiers: { POL: 2, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 }, allocations: [{ partner: 'UKR', focus: 'capacity', amount: 0.5 }], actions: [] });
    const e = 0.5 * (1 - (0.08 + 0.35 * (1 - 0.7455))) * (1 + 0.1 / 0.9);
    const progress = (4 * e ** 3) / (e ** 3 + 0.5 ** 3);
    // plus its own reform, 0.2 × 55/60, and no fading on a funded focus
    expect(state.partners.UKR.defence).toBeCloseTo(40 + 0.2 * (55 / 60) + progress, 9);
  });
});

describe('self-financing, priorities and validation', () => {
  it('self-financing multiplies effective money by 1 + min(3, s / (1 − s)): CHE pays 0.8 of its way, ×4', () => {
    // CHE, high capability (threshold 0.15, gain 1.5), 0.05 on capacity → defence; overhead as above.
    const { state } = resolved(fresh(), { share: 1.5, policy: 'priorities', tiers: { POL: 2, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 }, allocations: [{ partner: 'CHE', focus: 'capacity', amount: 0.05 }], actions: [] });
    const e = 0.05 * (1 - (0.08 + 0.35 * (1 - 0.7455))) * 4;
    expect(state.partners.CHE.defence).toBeCloseTo(40 + 0.2 * (55 / 60) + (1.5 * e ** 3) / (e ** 3 + 0.15 ** 3), 9);
  });

  it('a partner put in the last tier loses 7 trust when priorities are declared, and 1.2 a year there', () => {
    // UKR, no money: 55 − 7 = 48, then 48 + (0.15 − 0.5) × 7 + (55 − 48) × 0.06 − 1.2
    const { state } = resolved(fresh(), { share: 1.5, policy: 'priorities', tiers: { POL: 1, UKR: 3, KAZ: 2, CHE: 2, EGY: 2 }, allocations: [], actions: [] });
    expect(state.partners.UKR.trust).toBeCloseTo(48 - 2.45 + 0.42 - 1.2, 12);
    expect(state.partners.KAZ.trust).toBeCloseTo(55 - 2.45, 12);
  });

  it('equal treatment keeps every partner within ±25 % of the equal share', () => {
    const lines = (x: number): TurnDecision => ({
      ...NOTHING,
      allocations: [
        { partner: 'POL', focus: 'interop', amount: 1 },
        { partner: 'UKR', focus: 'capacity', amount: 1 },
        { partner: 'KAZ', focus: 'capacity', amount: 1 },
        { partner: 'CHE', focus: 'capacity', amount: 1 },
        { partner: 'EGY', focus: 'capacity', amount: x },
      ],
    });
    // EGY at 1.3: equal share 5.3 / 5 = 1.06, allowed up to 1.325; at 1.4: 1.08, up to 1.35.
    expect(resolveTurn(scenario, fresh(), lines(1.3)).ok).toBe(true);
    expect(resolveTurn(scenario, fresh(), lines(1.4))).toMatchObject({ ok: false, code: 'equal-treatment', params: { partner: 'EGY', max: 1.35 } });
  });

  it('a gap analysis is accepted with probability willingness × (0.35 + 0.65 × trust / 100): UKR 0.6 × 0.7075', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const r = resolveTurn(scenario, startGame(scenario, seed), { ...NOTHING, actions: [{ type: 'gapAnalysis', partner: 'UKR' }] });
      if (r.ok && r.report.record.gapAnalyses[0].accepted) accepted++;
    }
    expect(accepted / 600).toBeCloseTo(0.6 * 0.7075, 1);
  });
});

describe('demand and fairness', () => {
  it("satisfaction = 0.4 × match with the partner's demands + 0.3 × its money against an equal share + 0.3 × adequacy", () => {
    // CHE gets 1 of 10 on capacity (an equal share is 10 / 5 = 2): match 0.5 / √0.32, fairness 0.5, adequacy 1 (high capability, self-financing ×4)
    const tiers = { POL: 2, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 } as const;
    const { state } = resolved(fresh(), {
      share: 1.5,
      policy: 'priorities',
      tiers,
      allocations: [
        { partner: 'CHE', focus: 'capacity', amount: 1 },
        { partner: 'POL', focus: 'interop', amount: 9 },
      ],
      actions: [],
    });
    expect(state.partners.CHE.satisfaction).toBeCloseTo(0.4 * (0.5 / Math.sqrt(0.32)) + 0.3 * 0.5 + 0.3, 12);
  });
});

describe('policy actions', () => {
  it('intelligence costs 3 consensus and reveals the partner', () => {
    const { state, record } = resolved(fresh(), { ...NOTHING, actions: [{ type: 'intelligence', partner: 'UKR' }] });
    expect(state.partners.UKR.revealed).toBe(true);
    expect(driver(record, 'consensus', 'intelligence', 'UKR')).toBe(-3);
  });

  it('a managerial reform costs 4 consensus, trims upkeep to 0.95× at once and gives +3 coherence', () => {
    const { state, record } = resolved(fresh(), { ...NOTHING, actions: [{ type: 'rationalise', mode: 'managerial', retire: [] }] });
    expect(state.reform.upkeepFactor).toBe(0.95);
    expect(record.upkeep).toBeCloseTo(0.1 * 15 * 0.95, 12);
    expect(record.drivers.filter((d) => d.metric === 'consensus' && d.cause === 'reform').reduce((a, d) => a + d.delta, 0)).toBe(-4);
    expect(record.drivers.find((d) => d.metric === 'coherence' && d.cause === 'reform')?.delta).toBe(3);
  });

  it('a strategic reform disrupts one year, then pays off: upkeep 0.8× for good, goal fit +0.15, +10 coherence', () => {
    const first = resolved(fresh(), { ...NOTHING, actions: [{ type: 'rationalise', mode: 'strategic', retire: [] }] });
    expect(first.state.reform).toEqual({ upkeepFactor: 1, disruption: 1, strategic: true, goalBonus: 0 });
    expect(driver(first.record, 'coherence', 'reform')).toBe(-4);
    const next = drawEvents(scenario, first.state);
    const year2 = resolved({ ...endTurn(scenario, { ...next, pendingEvents: [] }) });
    expect(year2.state.reform).toEqual({ upkeepFactor: 0.8, disruption: 0, strategic: true, goalBonus: 0.15 });
    expect(year2.record.upkeep).toBeCloseTo(0.1 * 15 * 0.8, 12);
    expect(driver(year2.record, 'coherence', 'reform')).toBe(10);
  });

  it("a partner team's answer to a gap analysis replaces the dice; its extra self-financing makes money go further", () => {
    // KAZ's willingness is 0.1: the dice would mostly refuse.
    const ask: TurnDecision = { ...NOTHING, actions: [{ type: 'gapAnalysis', partner: 'KAZ' }] };
    expect(resolved(fresh((s) => (s.turnInputs = { gapAnswers: { KAZ: true } })), ask).record.gapAnalyses).toEqual([{ partner: 'KAZ', accepted: true }]);
    expect(resolved(fresh((s) => (s.turnInputs = { gapAnswers: { KAZ: false } })), ask).record.gapAnalyses).toEqual([{ partner: 'KAZ', accepted: false }]);
    const fund: TurnDecision = { share: 1.5, policy: 'priorities', tiers: { POL: 2, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 }, allocations: [{ partner: 'UKR', focus: 'capacity', amount: 0.5 }], actions: [] };
    const plain = resolved(fresh(), fund).state.partners.UKR.defence;
    const offered = resolved(fresh((s) => (s.turnInputs = { selfFinancing: { UKR: 0.5 } })), fund).state.partners.UKR.defence;
    expect(offered).toBeGreaterThan(plain + 0.1);
  });
});

describe("Allies' pushes", () => {
  it('a push is honoured (+1.5 consensus) when its partner gets at least 1.15 × the equal share; else ignored (−1.5)', () => {
    const state = fresh((s) => (s.briefing.pushes = [{ ally: 'east', partner: 'UKR' }, { ally: 'south', partner: 'EGY' }]));
    // UKR 1.5 of 5.5 (equal share 1.1: 1.36×), EGY 1 (0.91×); nobody in tier 1
    const tiers = { POL: 2, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 } as const;
    const allocations = [
      { partner: 'POL', focus: 'interop' as const, amount: 1 },
      { partner: 'UKR', focus: 'capacity' as const, amount: 1.5 },
      { partner: 'KAZ', focus: 'capacity' as const, amount: 1 },
      { partner: 'CHE', focus: 'capacity' as const, amount: 1 },
      { partner: 'EGY', focus: 'capacity' as const, amount: 1 },
    ];
    const { record } = resolved(state, { share: 1.5, policy: 'priorities', tiers, allocations, actions: [] });
    expect(driver(record, 'consensus', 'pushHonoured', 'east')).toBe(1.5);
    expect(driver(record, 'consensus', 'pushIgnored', 'south')).toBe(-1.5);
  });
});

describe('competitors', () => {
  it('signal each target the regional budget shared by the targets, times 0.6–1.4', () => {
    const ratios: number[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      // Russia courts UKR and KAZ in the east (4 / 2 each); China EGY in the south (1).
      for (const o of startGame(scenario, seed).briefing.offers) ratios.push(o.amount / (o.competitor === 'russia' ? 2 : 1));
    }
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.6 - 0.005);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(1.4 + 0.005);
    expect(Math.min(...ratios)).toBeLessThan(0.7);
    expect(Math.max(...ratios)).toBeGreaterThan(1.3);
  });

  it("a bluff commits a quarter of its signal, so NATO's engagement (effective money × 4) at about half the signal holds the partner; a real offer outbids it", () => {
    let bluffs = 0;
    let real = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const state = fresh();
      const start = startGame(scenario, seed);
      state.briefing = start.briefing;
      for (const offer of state.briefing.offers) {
        // NATO's money m × self-financing ×1.11 × (1 − overhead, 0.42–0.92) × 4 lands between 0.30 and 0.66 of the signal.
        const amount = (0.18 * offer.amount) / (1 + 0.1 / 0.9);
        const tiers = { POL: 2, UKR: 2, KAZ: 2, CHE: 2, EGY: 2 } as const;
        const { record } = resolved(state, { share: 1.5, policy: 'priorities', tiers, allocations: [{ partner: offer.partner, focus: 'capacity', amount }], actions: [] });
        const influence = driver(record, `influence:${offer.competitor}:${offer.competitor === 'russia' ? 'east' : 'south'}`, 'competitor', offer.partner);
        if (offer.bluff) {
          bluffs++;
          expect(influence).toBe(-0.5);
        } else {
          real++;
          expect(influence).toBeGreaterThan(0.5 * 1.6);
        }
      }
    }
    expect(bluffs).toBeGreaterThan(0);
    expect(real).toBeGreaterThan(0);
  });
});

describe("the region's year (crisis or calm, the world's dice)", () => {
  /** The two uniform draws of each region, east, south, global, from the seed's and year's own generator. */
  const rolls = (seed: number, year: number): Record<Region, number> => {
    let world = worldState(seed, year);
    const out = { east: 0, south: 0, global: 0 };
    for (const region of ['east', 'south', 'global'] as const) {
      const [a, u1] = nextRandom(world);
      const [b, u2] = nextRandom(a);
      world = b;
      out[region] = 8 * (u1 + u2 - 1);
    }
    return out;
  };

  it("each region's metric moves by 8 × (u₁ + u₂ − 1) under its own cause; competitors' influence the other way by half; security by 0.4 × the moves weighted by region (east 0.7, south 0.3)", () => {
    const state = fresh((s) => (s.influence = { russia: { east: 50, south: 50, global: 50 }, china: { east: 50, south: 50, global: 50 } }));
    const { record } = resolved(state);
    const f = rolls(7, 2000);
    expect(record.fortune).toEqual(f);
    expect(driver(record, 'stabilityEast', 'fortune')).toBeCloseTo(f.east, 12);
    expect(driver(record, 'stabilitySouth', 'fortune')).toBeCloseTo(f.south, 12);
    expect(driver(record, 'liberalOrder', 'fortune')).toBeCloseTo(f.global, 12);
    expect(driver(record, 'security', 'fortune')).toBeCloseTo(0.4 * (0.7 * f.east + 0.3 * f.south), 12);
    for (const competitor of ['russia', 'china'] as const) {
      for (const region of ['east', 'south', 'global'] as const) {
        const moved = driver(record, `influence:${competitor}:${region}`, 'fortune');
        if (Math.abs(f[region] / 2) >= 0.05) expect(moved).toBeCloseTo(-f[region] / 2, 12);
      }
    }
  });

  it('rolls between −8 and +8, most often near 0, with a mean near 0, and differently by seed and by year', () => {
    const all: number[] = [];
    for (let seed = 1; seed <= 300; seed++) for (const v of Object.values(rolls(seed, 2000 + (seed % 5)))) all.push(v);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(-8);
    expect(Math.max(...all)).toBeLessThanOrEqual(8);
    expect(Math.min(...all)).toBeLessThan(-6.5);
    expect(Math.max(...all)).toBeGreaterThan(6.5);
    expect(Math.abs(all.reduce((a, b) => a + b, 0) / all.length)).toBeLessThan(0.4);
    // Triangular: a quarter of the rolls within ±2 if uniform; the sum of two draws puts ~44 % there.
    expect(all.filter((v) => Math.abs(v) < 2).length / all.length).toBeGreaterThan(0.38);
    expect(rolls(7, 2000)).not.toEqual(rolls(8, 2000));
    expect(rolls(7, 2000)).not.toEqual(rolls(7, 2001));
  });

  it("is the same for every decision on a seed, and leaves the game's own dice (state.rng) where they were without it", () => {
    const spend: TurnDecision = { share: 2, policy: 'priorities', tiers: { POL: 1, UKR: 2, KAZ: 3, CHE: 3, EGY: 3 }, allocations: [{ partner: 'POL', focus: 'interop', amount: 6 }], actions: [{ type: 'gapAnalysis', partner: 'UKR' }] };
    const a = resolved(fresh()).record;
    const b = resolved(fresh(), spend).record;
    expect(b.fortune).toEqual(a.fortune);
    const size = RULES.fortune.size;
    try {
      (RULES.fortune as { size: number }).size = 0;
      const calm = resolved(fresh(), spend);
      (RULES.fortune as { size: number }).size = size;
      const rolled = resolved(fresh(), spend);
      expect(rolled.state.rng).toBe(calm.state.rng);
      expect(rolled.state.briefing).toEqual(calm.state.briefing);
      expect(rolled.record.gapAnalyses).toEqual(calm.record.gapAnalyses);
      expect(driver(calm.record, 'stabilityEast', 'fortune')).toBe(0);
      expect(driver(rolled.record, 'stabilityEast', 'fortune')).not.toBe(0);
    } finally {
      (RULES.fortune as { size: number }).size = size;
    }
  });
});

describe('events and the end of the turn', () => {
  const pending = (s: GameState) => (s.pendingEvents = [{ id: 'summit', source: 'event', counterfactual: false }]);

  it("an answer's metric effects apply as written (+3 security), and its consensus cost is paid (10)", () => {
    const state = fresh(pending);
    const welcome = chooseEvent(scenario, state, 'summit', 'welcome');
    const push = chooseEvent(scenario, state, 'summit', 'push');
    if (!welcome.ok || !push.ok) throw new Error('refused');
    expect(welcome.state.alliance.security).toBe(state.alliance.security + 3);
    expect(push.state.alliance.consensus).toBe(state.alliance.consensus - 10);
    expect(push.state.partners.UKR.trust).toBe(state.partners.UKR.trust + 10);
  });

  it('a year draws 0 (35 %), 1 (45 %) or 2 (20 %) generic cards', () => {
    // The mini scenario's two generic cards can both come in 2000 (beside inject 1).
    const counts = [0, 0, 0];
    for (let seed = 1; seed <= 400; seed++) {
      const drawn = drawEvents(scenario, startGame(scenario, seed)).pendingEvents.filter((p) => p.id === 'scandal' || p.id === 'arms').length;
      counts[drawn]++;
    }
    expect(counts[0] / 400).toBeCloseTo(0.35, 1);
    expect(counts[1] / 400).toBeCloseTo(0.45, 1);
    expect(counts[2] / 400).toBeCloseTo(0.2, 1);
  });

  it('the White Cell skips an inject that is due, and deals an ad-hoc card once', () => {
    const resolvedState = (change?: (s: GameState) => void) => drawEvents(scenario, resolved(fresh(change)).state);
    // Inject serial 1 is due in 2000.
    expect(resolvedState().pendingEvents.map((p) => p.id)).toContain('1');
    expect(resolvedState((s) => (s.injectControl = { held: [], skipped: ['1'], released: [], adhoc: [] })).pendingEvents.map((p) => p.id)).not.toContain('1');
    // The accession card belongs to 2002: in 2000 only the White Cell can deal it.
    expect(resolvedState().pendingEvents.map((p) => p.id)).not.toContain('accession');
    const dealt = resolvedState((s) => (s.injectControl = { held: [], skipped: [], released: [], adhoc: ['accession'] }));
    expect(dealt.pendingEvents).toContainEqual({ id: 'accession', source: 'event', counterfactual: false });
    expect(dealt.injectControl?.adhoc).toEqual([]);
  });

  it('a budget shock halves back towards normal at the end of each year', () => {
    expect(endTurn(scenario, fresh((s) => (s.budgetFactor = 0.6))).budgetFactor).toBeCloseTo(0.8, 12);
    expect(endTurn(scenario, fresh((s) => (s.budgetFactor = 1.2))).budgetFactor).toBeCloseTo(1.1, 12);
  });
});
