/**
 * The engine never edits the state it is given (docs/exercise.md, "States and views"): a
 * move makes a new state and the state before stays as it was — what rewinds, branches and
 * the classroom server's views (kept by the state's own objects) stand on. Every state is
 * frozen, all the way down, before the next move is played from it: an edit anywhere throws.
 * Whole eras of every scenario, random moves and White Cell controls (rewinds included).
 */
import { describe, expect, it } from 'vitest';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { scenarioRoles } from '../../src/exercise/roles';
import { Rng } from '../../src/core/rng';
import { eras, randomMove } from './support';

/** `value`, frozen with everything it holds (a scenario's data is frozen already). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('the engine and the state before a move', () => {
  it.each(eras.map((s, n) => [s.id, s, n] as const))('%s: no move edits the state it is played from', (_id, scenario, n) => {
    const roles = scenarioRoles(scenario).filter((r) => r !== 'observer');
    const setup = defaultSetup(scenario, { seed: 71 + n, seats: Object.fromEntries(roles.map((r, i) => [r, { held: i % 2 === 0 || r === 'white' }])) });
    let ex: ExerciseState = deepFreeze(createExercise(scenario, setup));
    const rng = new Rng(17 + n);
    let moves = 0;
    for (let step = 0; step < 4000 && !ex.finished; step++) {
      const waiting = waitingFor(scenario, ex);
      const role = rng.chance(0.2) ? rng.pick(roles) : waiting[0];
      const move = rng.chance(0.25) ? randomMove(scenario, ex, role, rng) : standInMove(scenario, ex, role);
      const before = JSON.stringify(ex);
      let r = applyMove(scenario, ex, move, step);
      if (!r.ok) r = applyMove(scenario, ex, standInMove(scenario, ex, waiting[0]), step);
      expect(JSON.stringify(ex), `${scenario.id} step ${step}`).toBe(before);
      if (!r.ok) break;
      ex = deepFreeze(r.state);
      moves++;
    }
    expect(ex.finished, `${scenario.id}: the era ends`).toBe(true);
    expect(moves).toBeGreaterThan(50);
  });
});
