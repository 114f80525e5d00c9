/**
 * One turn pipeline: an era played through the flow statechart, as the browser and the
 * `sim` CLI play it, is the exercise engine's solo game and the rules core's replay of its
 * decision log — the same state, for every era and bot policy.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createFlowMachine, phaseOf } from '../../src/flow/machine';
import { POLICIES, policyRng } from '../../src/core/policies';
import { replay, simulateEra } from '../../src/core/game';
import { recordOf, replayExercise, stateHash } from '../../src/exercise/engine';
import { eras } from '../exercise/support';

describe('flow == exercise == core', () => {
  it.each(eras.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    for (const policy of ['equal', 'prioritise'] as const) {
      const actor = createActor(createFlowMachine({ scenarios: { [scenario.id]: scenario }, campaign: [scenario.id] })).start();
      actor.send({ type: 'game.start', scenarioId: scenario.id, seed: 31 });
      actor.send({ type: 'phase.advance' });
      actor.send({ type: 'strategy.state', strategy: 'prioritise' });
      const rng = policyRng(31);
      for (let guard = 0; guard < 200 && phaseOf(actor.getSnapshot().value) !== 'debrief'; guard++) {
        const snap = actor.getSnapshot();
        if (phaseOf(snap.value) === 'turn.planning') actor.send({ type: 'decision.set', decision: POLICIES[policy](scenario, snap.context.game!, rng) });
        actor.send({ type: 'phase.advance' });
      }
      const { game, exercise } = actor.getSnapshot().context;
      expect(phaseOf(actor.getSnapshot().value)).toBe('debrief');
      expect(game!.finished).toBe(true);
      // The core's replay of the game's own decision log.
      expect(replay(scenario, 31, game!.log)).toEqual(game);
      // The exercise's record replays to the same exercise.
      const replayed = replayExercise(scenario, recordOf(exercise!));
      expect(replayed.ok && stateHash(replayed.state)).toBe(stateHash(exercise!));
      // And, strategy aside, it is the simulator's game for that policy.
      const sim = simulateEra(scenario, 31, policy).state;
      expect({ ...game, strategy: null, log: game!.log.filter((e) => e.kind !== 'strategy') }).toEqual(sim);
    }
  });
});

describe('a game saved before games were exercises', () => {
  it('continues from its saved phase and ends as the uninterrupted game', () => {
    const scenario = eras[0];
    const machine = createFlowMachine({ scenarios: { [scenario.id]: scenario }, campaign: [scenario.id] });
    const play = (actor: ReturnType<typeof createActor<typeof machine>>, steps: number) => {
      const rng = policyRng(5);
      for (let i = 0; i < steps && phaseOf(actor.getSnapshot().value) !== 'debrief'; i++) {
        const snap = actor.getSnapshot();
        if (phaseOf(snap.value) === 'turn.planning') actor.send({ type: 'decision.set', decision: POLICIES.equal(scenario, snap.context.game!, rng) });
        actor.send({ type: 'phase.advance' });
      }
    };
    const whole = createActor(machine).start();
    whole.send({ type: 'game.start', scenarioId: scenario.id, seed: 5 });
    play(whole, 400);

    const first = createActor(machine).start();
    first.send({ type: 'game.start', scenarioId: scenario.id, seed: 5 });
    play(first, 14);
    expect(phaseOf(first.getSnapshot().value)).toMatch(/^turn\./);
    // A version-1 save's context: the game, no exercise.
    const persisted = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    delete persisted.context.exercise;
    const resumed = createActor(machine, { snapshot: persisted }).start();
    play(resumed, 400);
    expect(resumed.getSnapshot().context.game).toEqual(whole.getSnapshot().context.game);
  });
});

