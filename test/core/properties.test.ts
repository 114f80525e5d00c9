/**
 * Property-based tests (fast-check): for random seeds and random decision sequences, money
 * is conserved, every metric stays in range, and the same seed with the same decisions
 * gives the identical game — also after a save/restore mid-game and when replayed from the
 * decision log.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { miniScenario } from '../support/builder';
import { startGame, playTurn, replay } from '../../src/core/game';
import { validateDecision, type TurnDecision } from '../../src/core/decision';
import { activePartners, type GameState } from '../../src/core/state';
import { FOCUS_AREAS, ALLIANCE_METRICS, PARTNER_FIELDS, type Scenario } from '../../src/core/scenario';
import { Rng } from '../../src/core/rng';
import { allocateEvenly } from '../../src/core/policies';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import { eventView } from '../../src/core/events';

/** A decision built from raw random numbers; may be legal or not. */
function decisionFrom(scenario: Scenario, state: GameState, r: number[]): TurnDecision {
  const rng = new Rng(Math.floor(r[0] * 2 ** 31));
  const share = Math.round(rng.range(9, 21)) / 10;
  const partners = activePartners(scenario, state);
  const priorities = rng.chance(0.6);
  const allocations = priorities
    ? partners.filter(() => rng.chance(0.5)).map((p) => ({ partner: p.id, focus: rng.pick(FOCUS_AREAS), amount: rng.range(0, 8) }))
    : allocateEvenly(scenario, state, share).map((l) => ({ ...l, amount: l.amount * rng.range(0.9, 1.1) }));
  const actions: TurnDecision['actions'] = [];
  const n = rng.int(3);
  for (let i = 0; i < n; i++) {
    const p = rng.pick(partners).id;
    actions.push(rng.chance(0.5) ? { type: 'gapAnalysis', partner: p } : rng.chance(0.5) ? { type: 'intelligence', partner: p } : { type: 'rationalise', mode: rng.chance(0.5) ? 'managerial' : 'strategic', retire: [] });
  }
  return { share, policy: priorities ? 'priorities' : 'equal', tiers: priorities ? Object.fromEntries(partners.map((p) => [p.id, (1 + rng.int(3)) as 1 | 2 | 3])) : undefined, allocations, actions };
}

/** Plays a whole era with the decisions; illegal ones are rejected and the turn replayed with no money. */
function play(scenario: Scenario, seed: number, raws: number[][], onState?: (s: GameState, i: number) => GameState): GameState {
  let state = startGame(scenario, seed);
  let i = 0;
  while (!state.finished) {
    const raw = raws[i % raws.length];
    let decision = decisionFrom(scenario, state, raw);
    if (!validateDecision(scenario, state, decision).ok) decision = { share: 1.5, policy: state.policy, allocations: [], actions: [] };
    const before = JSON.stringify(state);
    // Half the games answer events with their last choice rather than the default.
    const result = playTurn(scenario, state, decision, (s) => (raw[1] < 0.5 ? undefined : eventView(scenario, s, s.pendingEvents[0])?.choices.at(-1)?.id));
    expect(JSON.stringify(state)).toBe(before); // the previous state is never mutated
    if (!result.ok) throw new Error(result.reason);
    state = result.state;
    if (onState) state = onState(state, i);
    i++;
  }
  return state;
}

const raws = fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 });
const eras = scenarioFiles().map((f) => (loadScenarioFile(f) as { scenario: Scenario }).scenario);
const scenarios: [string, Scenario][] = [['mini', miniScenario()], ...eras.map((s) => [s.id, s] as [string, Scenario])];

describe.each(scenarios)('%s: invariants over random games', (_id, scenario) => {
  const runs = scenario.id === 'mini' ? 60 : 12;

  it('money is conserved and every metric stays in its range', () => {
    fc.assert(
      fc.property(fc.integer(), raws, (seed, decisions) => {
        const state = play(scenario, seed, decisions);
        for (const t of state.turns) {
          expect(t.allocated + t.upkeep + t.overlapCost).toBeLessThanOrEqual(t.envelope + 1e-6);
          expect(t.allocated).toBeGreaterThanOrEqual(0);
          for (const m of ALLIANCE_METRICS) {
            expect(t.alliance[m]).toBeGreaterThanOrEqual(0);
            expect(t.alliance[m]).toBeLessThanOrEqual(100);
          }
          for (const c of ['russia', 'china'] as const) for (const v of Object.values(t.influence[c])) expect(v >= 0 && v <= 100).toBe(true);
        }
        for (const p of Object.values(state.partners)) for (const f of PARTNER_FIELDS) expect(p[f] >= 0 && p[f] <= 100).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('the same seed and decisions give the identical game, after a save/restore and when replayed from the log', () => {
    fc.assert(
      fc.property(fc.integer(), raws, fc.nat(10), (seed, decisions, saveAt) => {
        const a = play(scenario, seed, decisions);
        const b = play(scenario, seed, decisions);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        const restored = play(scenario, seed, decisions, (s, i) => (i === saveAt ? JSON.parse(JSON.stringify(s)) : s));
        expect(JSON.stringify(restored)).toBe(JSON.stringify(a));
        expect(JSON.stringify(replay(scenario, seed, a.log))).toBe(JSON.stringify(a));
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });
});

it('different seeds give different games', () => {
  const scenario = eras[0] ?? miniScenario();
  const a = play(scenario, 1, [[0.3, 0.2]]);
  const b = play(scenario, 2, [[0.3, 0.2]]);
  expect(JSON.stringify(a.turns)).not.toBe(JSON.stringify(b.turns));
});
