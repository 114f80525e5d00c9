/**
 * The score-only exercise (`createExercise(…, { scoreOnly: true })`, docs/exercise.md) is
 * the same game as the full exercise: for every era, bot policy and consensus rule over
 * many seeds, an all-bot exercise ends in the same game and score either way (and as the
 * core's score-only simulator, where the capitals do not vote); facilitated exercises with
 * random held roles, stand-ins, random moves and White Cell controls, played move by move
 * in both modes, accept and refuse the same moves and end alike. The score-only one keeps
 * no record: no exercise log, no turn records, no decision log, and it cannot be rewound.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateEra } from '../../src/core/game';
import { scoreEra } from '../../src/core/score';
import { Rng } from '../../src/core/rng';
import { POLICY_NAMES } from '../../src/core/policies';
import type { GameState } from '../../src/core/state';
import type { Scenario } from '../../src/core/scenario';
import { applyMove, createExercise, defaultSetup, playedScenario, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { scenarioRoles } from '../../src/exercise/roles';
import type { ExerciseSetup, Move, RoleId } from '../../src/exercise/types';
import { eras, randomMove } from './support';

/** The game without what only a full exercise keeps. */
const played = (game: GameState): GameState => ({ ...game, turns: [], log: game.log.filter((e) => e.kind === 'strategy') });

/** The two modes ended alike: the same game, score, place in the year and injects; the score-only one kept no record. */
function expectSame(scenario: Scenario, full: ExerciseState, quick: ExerciseState): void {
  expect(quick.scoreOnly).toBeDefined();
  expect(quick.log).toEqual([]);
  expect(quick.turns).toEqual([]);
  expect(quick.notes).toEqual([]);
  expect(quick.game.turns).toEqual([]);
  expect(quick.game.log.every((e) => e.kind === 'strategy')).toBe(true);
  expect(played(quick.game)).toEqual(played(full.game));
  const s = playedScenario(scenario, full.setup);
  expect(scoreEra(s, quick.game)).toEqual(scoreEra(s, full.game));
  expect([quick.phase, quick.finished, quick.paused, quick.botRng]).toEqual([full.phase, full.finished, full.paused, full.botRng]);
  expect(quick.published).toEqual(full.published);
  expect([quick.turn.results, quick.turn.adjudications, quick.turn.choices]).toEqual([full.turn.results, full.turn.adjudications, full.turn.choices]);
}

const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe.each(eras.map((s) => [s.id, s] as const))('%s: a score-only exercise is the full exercise', (_id, scenario) => {
  it.each(POLICY_NAMES.map((p) => [p]))('all bots, NATO bot policy %s: same game and score over 80 seeds, with and without votes', (policy) => {
    fc.assert(
      fc.property(seed, fc.constantFrom('abstract' as const, 'vote' as const), (n, consensus) => {
        const setup = defaultSetup(scenario, { seed: n, seats: { nato: { held: false, policy } }, consensus });
        const full = createExercise(scenario, setup);
        const quick = createExercise(scenario, setup, { scoreOnly: true });
        expect(full.finished).toBe(true);
        expectSame(scenario, full, quick);
        if (consensus === 'abstract') {
          const solo = simulateEra(scenario, n, policy, false);
          expect(played(quick.game)).toEqual(played(solo.state));
          expect(scoreEra(scenario, quick.game)).toEqual(solo.score);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('facilitated exercises with random held roles, stand-ins, random moves and White Cell controls: the same moves pass, the same game ends', () => {
    const roles = scenarioRoles(scenario).filter((r) => r !== 'observer');
    fc.assert(
      fc.property(seed, fc.subarray(roles, { minLength: 1 }), fc.constantFrom(...POLICY_NAMES), fc.constantFrom('abstract' as const, 'vote' as const), (n, held, policy, consensus) => {
        const seats = Object.fromEntries(roles.map((r) => [r, held.includes(r) ? { held: true } : { held: false, ...(r === 'nato' ? { policy } : {}) }])) as ExerciseSetup['seats'];
        const setup = defaultSetup(scenario, { seed: n, seats, consensus, rounds: 2 });
        let full = createExercise(scenario, setup);
        let quick = createExercise(scenario, setup, { scoreOnly: true });
        const rng = new Rng(n);
        for (let i = 0; i < 600 && !full.finished; i++) {
          const waiting = waitingFor(scenario, full);
          expect(waitingFor(scenario, quick)).toEqual(waiting);
          const role: RoleId = held.includes('white') && rng.chance(0.2) ? 'white' : (waiting[0] ?? 'white');
          let move: Move = randomMove(scenario, full, role, rng);
          if (role === 'white' && rng.chance(0.1)) move = rng.chance(0.5) ? { role, type: 'white.timer', phase: full.phase, seconds: 600 } : { role, type: 'timer.expire' };
          const a = applyMove(scenario, full, move, 1000 * i);
          const b = applyMove(scenario, quick, move, 1000 * i);
          expect(b.ok ? 'ok' : b.code).toBe(a.ok ? 'ok' : a.code);
          if (a.ok && b.ok) {
            // The score-only step plays on the state it was given; the full step on a copy.
            expect(b.state).toBe(quick);
            expect(a.state).not.toBe(full);
            expect(b.entry.seq).toBe(a.entry.seq);
            full = a.state;
            quick = b.state;
          }
        }
        expectSame(scenario, full, quick);
      }),
      { numRuns: 25 },
    );
  });
});

describe('what a score-only exercise cannot do', () => {
  const scenario = eras[0];
  it('refuses a rewind (it keeps no log), and keeps no note', () => {
    const setup = defaultSetup(scenario, { seed: 3, seats: { nato: { held: true }, white: { held: true } } });
    const ex = createExercise(scenario, setup, { scoreOnly: true });
    const r = applyMove(scenario, ex, { role: 'white', type: 'white.rewind', toYear: scenario.start, rationale: 'try again' });
    expect(r.ok ? 'ok' : r.code).toBe('bad-rewind');
    const noted = applyMove(scenario, ex, { role: 'white', type: 'white.note', text: 'a note' });
    expect(noted.ok && noted.state.notes).toEqual([]);
    // A full exercise of the same setup keeps both.
    const full = createExercise(scenario, setup);
    expect(applyMove(scenario, full, { role: 'white', type: 'white.note', text: 'a note' }).ok).toBe(true);
    expect(applyMove(scenario, full, { role: 'white', type: 'white.rewind', toYear: scenario.start, rationale: 'try again' }).ok).toBe(true);
  });
});
