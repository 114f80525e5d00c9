/**
 * A red cell may revise its signals while the signals phase lasts (docs/exercise.md, "A
 * year's phases"): the engine refuses no second `red.signal` in the phase (unlike a second
 * `red.commit`), each send replaces the last in the briefing the year is played from, and
 * once the phase has closed a send is refused. This is the rule the red cell's screen follows
 * (test/game/redSignalsRevise.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState, type MoveResult } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import type { RedSignal } from '../../src/exercise/types';
import { COMPETITOR_COUNTRY } from '../../src/core/constants';
import { era, standInsUntil } from './support';

const scenario = era('era1-enlargement');

const ok = (r: MoveResult): ExerciseState => {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.reason}`);
  return r.state;
};

describe("a red cell's signals in one signals phase", () => {
  it('are taken again in place of the last until the phase closes, then refused', () => {
    const ally = 'ally:southern-flank';
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { 'red:russia': { held: true }, [ally]: { held: true }, nato: { held: true } } }));
    ex = standInsUntil(scenario, ex, (e) => e.phase === 'signals');
    expect(waitingFor(scenario, ex)).toEqual(['red:russia', ally]);
    const east = viewFor(scenario, ex, 'red:russia').partners.filter((p) => p.region === 'east' && !p.member && p.id !== COMPETITOR_COUNTRY.russia).map((p) => p.id);
    const first: RedSignal[] = [
      { partner: east[0], amount: 4, bluff: false },
      { partner: east[1], amount: 3, bluff: true },
    ];
    ex = ok(applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: first }));
    // Taken: the room no longer waits for the cell, but the phase goes on for the capital.
    expect(ex.phase).toBe('signals');
    expect(waitingFor(scenario, ex)).toEqual([ally]);
    const second: RedSignal[] = [{ partner: east[2], amount: 5, bluff: false }];
    ex = ok(applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: second }));
    expect(ex.turn.signals.russia).toEqual(second);
    expect(ex.game.briefing.offers.filter((o) => o.competitor === 'russia')).toEqual([{ competitor: 'russia', ...second[0] }]);
    expect(waitingFor(scenario, ex)).toEqual([ally]);
    const own = viewFor(scenario, ex, 'red:russia').own;
    expect(own.kind === 'red' ? own.signals : null).toEqual(second);
    // The capital's push closes the phase; a send after it is refused.
    ex = ok(applyMove(scenario, ex, { role: ally, type: 'ally.push', partner: east[0] }));
    expect(ex.phase).toBe('planning');
    const late = applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: first });
    expect(late.ok ? 'taken' : late.code).toBe('wrong-phase');
  });
});
