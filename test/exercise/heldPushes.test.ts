/**
 * A capital a team holds pushes a partner only by its own move (rules version 4): the
 * engine's yearly draw of a push in its name is dropped, so NATO's staff is not shown — and
 * consensus is not charged for — a push the team never made; a capital the engine plays
 * keeps its drawn push; the held capital's own push stands once made, year after year.
 */
import { describe, expect, it } from 'vitest';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { viewFor } from '../../src/exercise/views';
import { era } from './support';

const scenario = era('era4-after2022');
const [east, south] = scenario.allies.map((a) => a.id);

const pushesOf = (ex: ExerciseState) => ex.game.briefing.pushes.map((p) => p.ally).sort();

describe('a held capital’s pushes', () => {
  it('are only its own: no drawn push in its name, in any year; an engine-played capital keeps its draw', () => {
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 2022, seats: { white: { held: true }, nato: { held: true }, [`ally:${east}`]: { held: true } } }));
    expect(pushesOf(ex)).not.toContain(east);
    expect(pushesOf(ex)).toContain(south);
    // NATO's board is not told of a push the capital did not make.
    expect(JSON.stringify(viewFor(scenario, ex, 'nato'))).not.toMatch(new RegExp(`"ally":"${east}"`));
    // Played to the era's end without the capital ever pushing: no year draws one in its name, and consensus is never charged for one.
    const years = new Set<number>();
    while (!ex.finished) {
      const role = waitingFor(scenario, ex)[0];
      const move = standInMove(scenario, ex, role);
      const r = applyMove(scenario, ex, move.type === 'ally.push' ? { role, type: 'phase.ready' } : move);
      if (!r.ok) throw new Error(r.reason);
      ex = r.state;
      if (!ex.finished) {
        expect(pushesOf(ex), String(ex.game.year)).not.toContain(east);
        years.add(ex.game.year);
      }
    }
    expect(years.size).toBeGreaterThan(3);
    const charged = ex.game.turns.flatMap((t) => t.drivers ?? []).filter((d) => d.cause === 'pushIgnored' && d.subject === east);
    expect(charged).toEqual([]);
  });

  it('stands once the capital pushes', () => {
    const ex = createExercise(scenario, defaultSetup(scenario, { seed: 2022, seats: { white: { held: true }, [`ally:${east}`]: { held: true } } }));
    const partner = scenario.allies[0].favourites[0];
    const signals = applyMove(scenario, ex, { role: 'white', type: 'phase.advance' });
    if (!signals.ok) throw new Error(signals.reason);
    expect(signals.state.phase).toBe('signals');
    const r = applyMove(scenario, signals.state, { role: `ally:${east}`, type: 'ally.push', partner });
    if (!r.ok) throw new Error(r.reason);
    expect(r.state.game.briefing.pushes).toContainEqual({ ally: east, partner });
  });
});
