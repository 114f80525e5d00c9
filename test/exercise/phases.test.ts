/**
 * The exercise's phase graph, walked as the flow statechart's graph test walks it: from
 * the start of an exercise with every kind of role held, every move any role could make
 * (stand-ins, objections, pauses, White Cell controls) is tried in every state reached in
 * the first two years. Every phase of a facilitated year is reached, solo play passes
 * through exactly its five phases, and no reached state is a dead end: stand-ins always
 * carry it to the era's end.
 */
import { describe, expect, it } from 'vitest';
import { applyMove, createExercise, defaultSetup, stateHash, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { scenarioRoles } from '../../src/exercise/roles';
import { PHASES, type Move, type Phase, type RoleId } from '../../src/exercise/types';
import { era } from './support';

const scenario = era('era2-stability');

/** Every move worth trying for a role in a state. */
function candidates(ex: ExerciseState, role: RoleId): Move[] {
  const moves: Move[] = [standInMove(scenario, ex, role), { role, type: 'phase.advance' }, { role, type: 'phase.ready' }];
  if (role.startsWith('ally:')) moves.push({ role, type: 'ally.object', reason: 'no' });
  if (role === 'white') {
    moves.push({ role, type: 'white.pause' }, { role, type: 'white.resume' }, { role, type: 'white.adjudicate', region: 'south', step: 'majorNatoGain', rationale: 'seen' });
    moves.push({ role, type: 'white.decide', outcome: 'statusQuo', rationale: 'time' });
  }
  return moves;
}

function walk(ex0: ExerciseState, untilYear: number) {
  const seen = new Map<string, ExerciseState>();
  const phases = new Set<Phase>();
  // Depth first, the stand-in's way first, so the walk reaches later phases within its budget.
  const stack = [ex0];
  while (stack.length && seen.size < 600) {
    const ex = stack.pop()!;
    const key = stateHash(ex) + ex.paused;
    if (seen.has(key)) continue;
    seen.set(key, ex);
    phases.add(ex.phase);
    if (ex.finished || ex.game.year > untilYear) continue;
    const next: ExerciseState[] = [];
    for (const role of scenarioRoles(scenario)) {
      for (const move of candidates(ex, role)) {
        const r = applyMove(scenario, ex, move);
        if (r.ok) next.push(r.state);
      }
    }
    const waiting = waitingFor(scenario, ex)[0];
    const onward = waiting ? applyMove(scenario, ex, standInMove(scenario, ex, waiting)) : undefined;
    stack.push(...next.reverse());
    if (onward?.ok) stack.push(onward.state);
  }
  return { states: [...seen.values()], phases };
}

/** Plays stand-ins (resuming a pause) until the end; returns whether it got there. */
function reachesEnd(ex: ExerciseState): boolean {
  for (let i = 0; i < 3000 && !ex.finished; i++) {
    const role = ex.paused ? 'white' : waitingFor(scenario, ex)[0];
    if (!role) return false;
    const r = applyMove(scenario, ex, ex.paused ? { role: 'white', type: 'white.resume' } : standInMove(scenario, ex, role));
    if (!r.ok) return false;
    ex = r.state;
  }
  return ex.finished;
}

describe('the phase graph', () => {
  it('with every kind of role held: all seven phases, and no dead end', () => {
    const seats = Object.fromEntries(scenarioRoles(scenario).filter((r) => r !== 'observer').map((r) => [r, { held: true }]));
    const { states, phases } = walk(createExercise(scenario, defaultSetup(scenario, { seed: 2, seats, rounds: 2, deadlock: 'white' })), scenario.start);
    expect([...phases].sort()).toEqual([...PHASES].sort());
    expect(states.length).toBeGreaterThan(30);
    for (const ex of states.filter((_, i) => i % 7 === 0)) expect(reachesEnd(ex), `${ex.game.year} ${ex.phase}`).toBe(true);
  });

  it('solo play passes through its five phases only', () => {
    const { phases, states } = walk(createExercise(scenario, defaultSetup(scenario, { seed: 2, seats: { nato: { held: true } } })), scenario.start + 1);
    expect([...phases].sort()).toEqual(['briefing', 'events', 'planning', 'resolution', 'review']);
    for (const ex of states.filter((_, i) => i % 5 === 0)) expect(reachesEnd(ex)).toBe(true);
  });
});
