/**
 * The flow statechart: a walk of its graph (every state reachable, none a dead end), a
 * headless play-through of an era and a campaign, planning rejections, and a save/restore
 * of the persisted snapshot mid-era that continues exactly as the original.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getAdjacencyMap, getStateNodes } from '@xstate/graph';
import { createFlowMachine, phaseOf, type FlowEvent } from '../../src/flow/machine';
import { miniScenario } from '../support/builder';
import { makeEnvelope, readSave, type PersistedFlow } from '../../src/flow/save';

const scenario = miniScenario();
const second = miniScenario((s) => {
  s.id = 'mini2';
  s.era = 2;
});
const catalogue = { scenarios: { mini: scenario, mini2: second }, campaign: ['mini', 'mini2'] };
const machine = createFlowMachine(catalogue);

const events: FlowEvent[] = [
  { type: 'game.start', scenarioId: 'campaign', seed: 3 },
  { type: 'phase.advance' },
  { type: 'strategy.state', strategy: 'prioritise' },
  { type: 'share.set', share: 2.5 },
  { type: 'game.quit' },
];

describe('the flow graph', () => {
  const adjacency = getAdjacencyMap(machine, {
    events,
    serializeState: (s) => `${phaseOf(s.value)}|${s.context.scenarioId}|${s.context.game?.year}|${s.context.game?.finished}` as never,
  });
  const reached = Object.values(adjacency);

  it('reaches every state', () => {
    const leaves = getStateNodes(machine.root)
      .filter((n) => n.type === 'atomic')
      .map((n) => n.path.join('.'));
    const seen = new Set(reached.map((v) => phaseOf(v.state.value)));
    for (const leaf of leaves) if (leaf !== 'turn.checkEnd') expect(seen, leaf).toContain(leaf);
    expect(leaves.length).toBeGreaterThanOrEqual(9);
  });

  it('has no dead end: every state has a way on', () => {
    for (const v of reached) {
      const here = phaseOf(v.state.value);
      const onward = Object.values(v.transitions).some((t) => phaseOf((t as { state: { value: unknown } }).state.value) !== here);
      expect(onward, here).toBe(true);
    }
  });
});

function play(events: FlowEvent[]) {
  const actor = createActor(machine).start();
  for (const e of events) actor.send(e);
  return actor;
}
const advance = (n: number): FlowEvent[] => Array.from({ length: n }, () => ({ type: 'phase.advance' }) as const);

describe('playing headless', () => {
  it('walks an era through the five phases to the debrief, then the next era, then the end', () => {
    const actor = play([{ type: 'game.start', scenarioId: 'campaign', seed: 3 }]);
    const phases: string[] = [];
    for (let i = 0; i < 100 && phaseOf(actor.getSnapshot().value) !== 'campaignEnd'; i++) {
      phases.push(phaseOf(actor.getSnapshot().value));
      actor.send({ type: 'phase.advance' });
    }
    expect(phases.slice(0, 6)).toEqual(['eraIntro', 'turn.briefing', 'turn.planning', 'turn.resolution', 'turn.events', 'turn.review']);
    expect(phases.filter((p) => p === 'turn.planning')).toHaveLength(8);
    expect(phases.filter((p) => p === 'debrief')).toHaveLength(2);
    expect(actor.getSnapshot().context.results.map((r) => r.scenarioId)).toEqual(['mini', 'mini2']);
    // Each era's grade is kept beside its score, for the campaign's end (a score alone reads better than the grade it carries).
    for (const r of actor.getSnapshot().context.results) {
      expect(r.grade).toMatch(/^[A-E]$/);
      expect(r.total).toBeGreaterThan(0);
      expect(r.met).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps the player in planning with the reason when a decision breaks a rule', () => {
    const actor = play([{ type: 'game.start', scenarioId: 'mini' }, ...advance(2), { type: 'allocation.set', partner: 'UKR', focus: 'capacity', amount: 999 }]);
    expect(actor.getSnapshot().context.rejection?.code).toBe('over-envelope');
    actor.send({ type: 'phase.advance' });
    expect(phaseOf(actor.getSnapshot().value)).toBe('turn.planning');
    actor.send({ type: 'allocation.spread', mode: 'equal' });
    expect(actor.getSnapshot().context.rejection).toBeNull();
    actor.send({ type: 'phase.advance' });
    expect(phaseOf(actor.getSnapshot().value)).toBe('turn.resolution');
  });

  it('answers events with the chosen option, and defaults on advance', () => {
    const actor = play([{ type: 'game.start', scenarioId: 'mini', seed: 5 }, ...advance(4)]);
    const snap = actor.getSnapshot();
    expect(phaseOf(snap.value)).toBe('turn.events');
    const pending = snap.context.game!.pendingEvents;
    expect(pending.length).toBeGreaterThan(0);
    actor.send({ type: 'event.choose', eventId: '1', choiceId: 'b' });
    expect(actor.getSnapshot().context.game!.fired.find((f) => f.id === '1')?.choice).toBe('b');
    actor.send({ type: 'event.choose', eventId: 'nope', choiceId: 'x' });
    expect(actor.getSnapshot().context.rejection?.code).toBe('bad-decision');
    actor.send({ type: 'phase.advance' });
    expect(phaseOf(actor.getSnapshot().value)).toBe('turn.review');
    expect(actor.getSnapshot().context.game!.pendingEvents).toHaveLength(0);
  });

  it('refuses an unknown scenario at the title', () => {
    const actor = play([{ type: 'game.start', scenarioId: 'atlantis' }]);
    expect(phaseOf(actor.getSnapshot().value)).toBe('title');
  });
});

describe('saving and restoring', () => {
  it('a restored snapshot continues exactly as the original', () => {
    const script: FlowEvent[] = [{ type: 'game.start', scenarioId: 'campaign', seed: 11 }, { type: 'strategy.state', strategy: 'east' }, ...advance(9)];
    const original = play(script);
    const text = JSON.stringify(makeEnvelope(original.getPersistedSnapshot() as unknown as PersistedFlow, phaseOf(original.getSnapshot().value)));
    const loaded = readSave(text);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const restored = createActor(machine, { snapshot: loaded.envelope.snapshot as never }).start();
    expect(phaseOf(restored.getSnapshot().value)).toBe(phaseOf(original.getSnapshot().value));
    for (const e of advance(25)) {
      original.send(e);
      restored.send(e);
    }
    expect(JSON.stringify(restored.getSnapshot().context)).toBe(JSON.stringify(original.getSnapshot().context));
  });
});
