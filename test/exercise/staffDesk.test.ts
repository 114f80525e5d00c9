/**
 * NATO's staff at the board (docs/exercise.md, "NATO's staff at the board"): the board a staff
 * seat draws is rebuilt from the staff's view alone. For every era, at every planning phase
 * of an exercise played by its stand-ins (with the staff held, so it proposes by hand):
 * the board's money figures for a plan are the engine's own, the board's opening draft is a
 * plan the engine accepts (and from the second year it carries last year's lines), and the
 * rebuilt state holds no seed, no dice and no unrevealed weight.
 */
import { describe, expect, it } from 'vitest';
import { eras, withSentinels } from './support';
import { applyMove, createExercise, defaultSetup, playedScenario, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { viewFor } from '../../src/exercise/views';
import { staffGame, staffScenario, UNKNOWN_WEIGHT } from '../../src/exercise/staffDesk';
import { budgetFacts } from '../../src/core/planning';
import { validateDecision, type TurnDecision } from '../../src/core/decision';
import { carriedDraft, defaultDraft } from '../../src/flow/machine';
import type { Scenario } from '../../src/core/scenario';

/** Plays `scenario` with NATO's staff held (every other role by its stand-in); `onPlan` meets each planning phase the staff is waited for. */
function playWithStaff(scenario: Scenario, seed: number, onPlan: (ex: ExerciseState) => TurnDecision): number {
  const setup = defaultSetup(scenario, { seed });
  setup.seats.nato = { held: true };
  let ex = createExercise(scenario, setup);
  let plans = 0;
  for (let guard = 0; guard < 5000 && !ex.finished; guard++) {
    const waiting = waitingFor(playedScenario(scenario, ex.setup), ex);
    const role = waiting[0];
    if (!role) break;
    const move = role === 'nato' && ex.phase === 'planning' ? ((plans += 1), { role, type: 'nato.propose' as const, decision: onPlan(ex) }) : standInMove(scenario, ex, role);
    const result = applyMove(scenario, ex, move, guard);
    expect(result.ok, result.ok ? '' : `${role} ${move.type} in ${ex.game.year}: ${result.reason}`).toBe(true);
    if (result.ok) ex = result.state;
  }
  expect(ex.finished).toBe(true);
  return plans;
}

describe("NATO's staff at the board", () => {
  for (const base of eras) {
    it(`${base.id}: the board's figures are the engine's, its opening draft is accepted, last year's lines carry over, and it knows no secret`, () => {
      const scenario = withSentinels(base);
      let carried = 0;
      const plans = playWithStaff(scenario, 11, (ex) => {
        const played = playedScenario(scenario, ex.setup);
        const view = JSON.parse(JSON.stringify(viewFor(scenario, ex, 'nato')));
        const known = staffScenario(scenario, view);
        const game = staffGame(known, view);
        // Nothing of the seed or the dice, and the neutral weight wherever it is not revealed.
        expect(game.seed).toBe(0);
        expect(game.rng).toBe(0);
        for (const p of known.partners) expect(p.strategicWeight).toBe(ex.game.partners[p.id]?.revealed ? played.partners.find((q) => q.id === p.id)!.strategicWeight : UNKNOWN_WEIGHT);
        expect(known.allies.every((a) => a.priorities === undefined)).toBe(true);

        const draft = defaultDraft(known, game);
        if (game.year > scenario.start && carriedDraft(known, game)) carried++;
        expect(validateDecision(played, ex.game, draft).ok).toBe(true);
        // The budget column's money for this plan, on the board and in the engine.
        const onBoard = budgetFacts(known, game, draft);
        const inEngine = budgetFacts(played, ex.game, draft);
        for (const key of ['share', 'envelope', 'upkeep', 'overlapCost', 'overlapPairs', 'allocated', 'left'] as const) expect(onBoard[key], key).toBeCloseTo(inEngine[key], 9);
        expect(onBoard.programmes.map((p) => p.programme.id)).toEqual(inEngine.programmes.map((p) => p.programme.id));
        return draft;
      });
      expect(plans).toBeGreaterThanOrEqual(scenario.end - scenario.start + 1);
      // Every year after the first starts from the last (unless nothing could carry).
      expect(carried).toBeGreaterThan((scenario.end - scenario.start) / 2);
    });
  }
});
