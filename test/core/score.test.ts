/**
 * Scoring (src/core/score.ts; docs/rules.md, "Scoring"), table by table with expectations
 * worked out by hand: objective attainment in both directions, each objective's value, the
 * era's score, each diagnostic of the debrief, and the say–do score for every stated strategy.
 */
import { describe, expect, it } from 'vitest';
import { miniScenario } from '../support/builder';
import { startGame } from '../../src/core/game';
import { attainment, diagnostics, objectiveValue, sayDo, scoreEra } from '../../src/core/score';
import type { GameState, StatedStrategy, TurnRecord } from '../../src/core/state';
import type { Objective } from '../../src/core/scenario';

const scenario = miniScenario();
const label = { en: 'x', fr: 'x' };
const objective = (target: number, lowerIsBetter = false): Objective => ({ id: 'o', label, metric: 'security', target, lowerIsBetter, weight: 1 });

describe('objective attainment', () => {
  it.each<[string, number, boolean, number, number]>([
    // higher is better: value / target, capped at 1.25
    ['half way', 60, false, 30, 0.5],
    ['on target', 60, false, 60, 1],
    ['beyond, capped', 60, false, 90, 1.25],
    ['just beyond', 60, false, 66, 1.1],
    ['nothing', 60, false, 0, 0],
    ['a zero target met by anything above it', 0, false, 5, 1.25],
    ['a zero target with zero', 0, false, 0, 0],
    // lower is better: under the target earns up to 1.25, above it falls to 0 at 100
    ['on a lower target', 40, true, 40, 1],
    ['a quarter under', 40, true, 30, 1.125],
    ['half under, capped', 40, true, 20, 1.25],
    ['far under, capped', 40, true, 0, 1.25],
    ['above a lower target', 40, true, 70, 0.5],
    ['at the top of the scale', 40, true, 100, 0],
    ['a zero lower target met', 0, true, 0, 1],
    ['a zero lower target missed by half', 0, true, 50, 0.5],
  ])('%s: target %d (lower is better: %s), value %d → %d', (_what, target, lower, value, expected) => {
    expect(attainment(objective(target, lower), value)).toBeCloseTo(expected, 12);
  });
});

/** The mini scenario's first year with the given changes (partners by id). */
function stateWith(change: (s: GameState) => void): GameState {
  const s = structuredClone(startGame(scenario, 1));
  change(s);
  return s;
}

const POL_READY = (s: GameState) => Object.assign(s.partners.POL, { interoperability: 65, institutions: 65, stability: 65, defence: 65 });

describe('objective values', () => {
  it.each<[string, Objective['metric'], number | undefined, (s: GameState) => void, number]>([
    ['an alliance metric', 'security', undefined, (s) => (s.alliance.security = 47.5), 47.5],
    ['no aspirant ready (POL at readiness 61)', 'readyAspirants', undefined, () => {}, 0],
    ['POL ready at 65 exactly', 'readyAspirants', undefined, POL_READY, 1],
    // (50 × 0.7 + 20 × 0.3 + 90 × 0) / (0.7 + 0.3 + 0)
    ['Russia weighted by region', 'influenceRussia', undefined, (s) => (s.influence.russia = { east: 50, south: 20, global: 90 }), 41],
    ['China weighted by region', 'influenceChina', undefined, (s) => (s.influence.china = { east: 10, south: 60, global: 0 }), 25],
    // active in 2000: POL 70, UKR 60, KAZ 59.9, CHE 10, EGY 80 (GEO joins the PfP in 2002)
    ['aligned partners at 60 and above', 'alignedPartners', undefined, alignments, 3],
    ['aligned partners at the objective’s own threshold', 'alignedPartners', 75, alignments, 1],
    ['a member no longer counts', 'alignedPartners', undefined, (s) => (alignments(s), (s.partners.EGY.member = true)), 2],
  ])('%s', (_what, metric, threshold, change, expected) => {
    const o: Objective = { id: 'o', label, metric, target: 1, lowerIsBetter: false, weight: 1, ...(threshold === undefined ? {} : { threshold }) };
    expect(objectiveValue(scenario, stateWith(change), o)).toBeCloseTo(expected, 9);
  });
});

function alignments(s: GameState): void {
  const a: Record<string, number> = { POL: 70, UKR: 60, KAZ: 59.9, CHE: 10, EGY: 80, GEO: 99 };
  for (const id in a) s.partners[id].alignment = a[id];
}

describe("an era's score", () => {
  // Objectives: ready aspirants ≥ 1 (weight 0.3), security ≥ 60 (0.4), Russia's influence ≤ 40 (0.3).
  it.each<[string, (s: GameState) => void, number, number[]]>([
    // 100 × (0.3 × 0 + 0.4 × 45/60 + 0.3 × (1 − 1/60)) = 59.5
    [
      'partly met',
      (s) => {
        s.alliance.security = 45;
        s.influence.russia = { east: 50, south: 20, global: 90 };
      },
      59.5,
      [0, 0.75, 1 - 1 / 60],
    ],
    // 100 × (0.3 × 1 + 0.4 × 1.25 + 0.3 × 1.25) = 117.5
    [
      'every target beaten',
      (s) => {
        POL_READY(s);
        s.alliance.security = 75;
        s.influence.russia = { east: 20, south: 20, global: 20 };
      },
      117.5,
      [1, 1.25, 1.25],
    ],
    [
      'nothing met',
      (s) => {
        s.alliance.security = 0;
        s.influence.russia = { east: 100, south: 100, global: 100 };
      },
      0,
      [0, 0, 0],
    ],
    // 100 × (0.3 × 1 + 0.4 × 31/60 + 0.3 × 1) = 80.666… → 80.7
    [
      'rounded to one decimal',
      (s) => {
        POL_READY(s);
        s.alliance.security = 31;
        s.influence.russia = { east: 40, south: 40, global: 40 };
      },
      80.7,
      [1, 31 / 60, 1],
    ],
  ])('%s', (_what, change, score, attainments) => {
    const result = scoreEra(scenario, stateWith(change));
    expect(result.score).toBe(score);
    expect(result.objectives.map((o) => o.id)).toEqual(['ready', 'sec', 'rus']);
    result.objectives.forEach((o, i) => expect(o.attainment).toBeCloseTo(attainments[i], 12));
  });
});

/** A turn record with the given figures; the rest zero. */
function turn(over: Partial<TurnRecord>): TurnRecord {
  const base = startGame(scenario, 1);
  return {
    year: 2000,
    share: 1.5,
    envelope: 0,
    upkeep: 0,
    overlapCost: 0,
    allocated: 0,
    demandDriven: 0,
    goalDriven: 0,
    prioritisation: 0,
    unmetNeed: 0,
    offersOutbid: 0,
    offersTotal: 0,
    activeProgrammes: 0,
    overlapPairs: 0,
    alliance: { ...base.alliance },
    influence: structuredClone(base.influence),
    readyAspirants: 0,
    avgTrust: 50,
    avgAlignment: 50,
    gapAnalyses: [],
    drivers: [],
    events: [],
    funding: {},
    ...over,
  };
}

const TWO_TURNS = [
  turn({ envelope: 100, upkeep: 20, overlapCost: 5, allocated: 60, demandDriven: 30, goalDriven: 45, unmetNeed: 4, offersOutbid: 1, offersTotal: 2, overlapPairs: 3, prioritisation: 0.5, funding: { POL: 10, EGY: 10 } }),
  turn({ envelope: 200, upkeep: 30, overlapCost: 10, allocated: 140, demandDriven: 100, goalDriven: 70, unmetNeed: 2, offersOutbid: 0, offersTotal: 2, overlapPairs: 1, prioritisation: -0.1, funding: { POL: 30, UKR: 10 } }),
];

describe('the diagnostics of the debrief', () => {
  const two = diagnostics(stateWith((s) => (s.turns = TWO_TURNS)));
  const none = diagnostics(stateWith(() => {}));
  it.each<[keyof typeof two, number, number]>([
    // mean of 25/100 and 40/200
    ['upkeepShare', 0.225, 0],
    ['overlapPairs', 2, 0],
    // 130 of 200 allocated
    ['demandDrivenShare', 0.65, 0],
    ['goalShare', 0.575, 0],
    ['unmetNeed', 3, 0],
    // 1 outbid of 4 offers
    ['outbidShare', 0.25, 0],
    ['prioritisation', 0.2, 0],
  ])('%s: %d over two turns, %d with none', (name, expected, empty) => {
    expect(two[name]).toBeCloseTo(expected, 12);
    expect(none[name]).toBe(empty);
  });
});

describe('say–do', () => {
  // Turn 1: POL 10 (east), EGY 10 (south), even. Turn 2: POL 30, UKR 10 (east), evenness 1 − 10/20.
  // In all: 60, of which east 50, south 10, global 0.
  it.each<[StatedStrategy, TurnRecord[], number]>([
    ['equal', TWO_TURNS, 75],
    ['east', TWO_TURNS, 83],
    ['south', TWO_TURNS, 17],
    ['global', TWO_TURNS, 0],
    // the mean of the prioritisation diagnostic, 0.2
    ['prioritise', TWO_TURNS, 20],
    // negative prioritisation scores 0
    ['prioritise', [turn({ prioritisation: -0.4, funding: { POL: 1 } })], 0],
    // a partner the scenario does not know counts as east
    ['east', [turn({ funding: { XXX: 5, EGY: 5 } })], 50],
    // no money at all: nothing to judge evenness or regions by
    ['equal', [turn({ funding: {} })], 0],
    ['south', [turn({ funding: { EGY: 0 } })], 0],
  ])('%s over %j → %d', (strategy, turns, expected) => {
    expect(sayDo(scenario, stateWith((s) => (s.turns = turns)), strategy)).toBe(expected);
  });

  it('says nothing without a stated strategy or a turn played', () => {
    expect(sayDo(scenario, stateWith((s) => (s.turns = TWO_TURNS)))).toBeNull();
    expect(sayDo(scenario, stateWith(() => {}), 'equal')).toBeNull();
    expect(sayDo(scenario, stateWith((s) => ((s.turns = TWO_TURNS), (s.strategy = 'east'))))).toBe(83);
  });
});
