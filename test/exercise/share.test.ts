/**
 * `shareUnchanged` (docs/exercise.md, "States and views"): after a move, what reads the
 * same as before is the state before's own object — and nothing else changes: the new state
 * reads exactly as the engine made it (its JSON and fingerprint), the state before is not
 * edited, and playing on from a shared state gives the same game as playing on from the
 * engine's own. Whole eras, random moves and White Cell controls (rewinds included).
 */
import { describe, expect, it } from 'vitest';
import { applyMove, createExercise, defaultSetup, stateHash, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { shareUnchanged } from '../../src/exercise/share';
import { standInMove } from '../../src/exercise/standIn';
import { scenarioRoles } from '../../src/exercise/roles';
import { Rng } from '../../src/core/rng';
import { eras, randomMove } from './support';

describe('shareUnchanged', () => {
  it('keeps the engine\'s state as it reads, never edits the state before, and shares every partner, list and proposal that reads the same', () => {
    for (const [n, scenario] of eras.entries()) {
      const roles = scenarioRoles(scenario).filter((r) => r !== 'observer');
      const setup = defaultSetup(scenario, { seed: 31 + n, seats: Object.fromEntries(roles.map((r, i) => [r, { held: i % 2 === 0 || r === 'white' }])) });
      // Two lines of play from the same moves: the engine's own states, and shared ones.
      let plain = createExercise(scenario, setup);
      let shared = plain;
      const rng = new Rng(5 + n);
      let partnersShared = 0;
      let listsShared = 0;
      for (let step = 0; step < 5000 && !plain.finished; step++) {
        const waiting = waitingFor(scenario, plain);
        const role = rng.chance(0.2) ? rng.pick(roles) : waiting[0];
        let move = rng.chance(0.2) ? randomMove(scenario, plain, role, rng) : standInMove(scenario, plain, role);
        let a = applyMove(scenario, plain, move, step * 1000);
        if (!a.ok) a = applyMove(scenario, plain, (move = standInMove(scenario, plain, waiting[0])), step * 1000);
        if (!a.ok) break;
        const b = applyMove(scenario, shared, move, step * 1000);
        expect(b.ok, `${scenario.id} step ${step}`).toBe(true);
        if (!b.ok) break;
        const before = JSON.stringify(shared);
        const madeByEngine = JSON.stringify(b.state);
        const next = shareUnchanged(shared, b.state);
        // Reads as the engine made it, and the state before is as it was.
        expect(JSON.stringify(next), `${scenario.id} step ${step}`).toBe(madeByEngine);
        expect(JSON.stringify(shared), `${scenario.id} step ${step}`).toBe(before);
        expect(stateHash(next)).toBe(stateHash(a.state));
        // What reads the same is the same object.
        for (const id in next.game.partners) {
          const was = shared.game.partners[id];
          if (was && JSON.stringify(was) === JSON.stringify(next.game.partners[id])) {
            expect(next.game.partners[id], `${scenario.id} step ${step} ${id}`).toBe(was);
            partnersShared++;
          }
        }
        for (const [x, y] of [
          [shared.game.pendingEvents, next.game.pendingEvents],
          [shared.game.turns, next.game.turns],
          [shared.turn.proposals, next.turn.proposals],
          [shared.game.alliance, next.game.alliance],
        ] as const)
          if (JSON.stringify(x) === JSON.stringify(y)) {
            expect(y, `${scenario.id} step ${step}`).toBe(x);
            listsShared++;
          }
        plain = a.state;
        shared = next;
      }
      expect(plain.finished, scenario.id).toBe(true);
      expect(stateHash(shared)).toBe(stateHash(plain));
      expect(partnersShared).toBeGreaterThan(100);
      expect(listsShared).toBeGreaterThan(50);
    }
  });

  it('leaves frozen objects as they are and shares what reads the same, keys in the same order only', () => {
    const before = { a: { x: 1, y: [1, 2] }, b: Object.freeze({ z: { w: 1 } }), c: { p: 1, q: 2 } } as unknown as ExerciseState;
    const frozenCopy = Object.freeze({ z: { w: 1 } });
    const after = { a: { x: 1, y: [1, 2] }, b: frozenCopy, c: { q: 2, p: 1 } } as unknown as ExerciseState;
    const out = shareUnchanged(before, after) as unknown as Record<string, Record<string, unknown>>;
    const was = before as unknown as Record<string, Record<string, unknown>>;
    expect(out.a).toBe(was.a);
    // A frozen copy cannot take the shared child, but reads the same, so the object before stands for it.
    expect(out.b).toBe(was.b);
    expect(frozenCopy.z).not.toBe(was.b.z);
    // Other key order: another JSON text, so not shared.
    expect(out.c).not.toBe(was.c);
    expect(JSON.stringify(out.c)).toBe('{"q":2,"p":1}');
  });
});
