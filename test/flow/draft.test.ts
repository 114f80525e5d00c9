/**
 * The planning draft a year starts with (issue 14.5): last year's lines carried over — lines
 * to partners no longer at the table dropped, newcomers given the policy's spread, all scaled
 * to this year's room — and the policy's spread when there is no last year or nothing legal to
 * carry. The draft is a suggestion the player sends, so an era played on it is still the core's
 * replay of its log.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { carriedDraft, createFlowMachine, defaultDraft, phaseOf, spreadDraft } from '../../src/flow/machine';
import { validateDecision, type TurnDecision } from '../../src/core/decision';
import { activePartners, envelopeFor, programmesFor, type GameState } from '../../src/core/state';
import { upkeepOf } from '../../src/core/upkeep';
import { replay } from '../../src/core/game';
import type { Scenario } from '../../src/core/scenario';
import { era, eras } from '../exercise/support';

const era1 = era('era1-enlargement');

function start(scenario: Scenario, seed: number) {
  const actor = createActor(createFlowMachine({ scenarios: { [scenario.id]: scenario }, campaign: [scenario.id] })).start();
  actor.send({ type: 'game.start', scenarioId: scenario.id, seed });
  actor.send({ type: 'phase.advance' }); // era intro → briefing
  return actor;
}
type Actor = ReturnType<typeof start>;

/** Advances to the next planning phase (or the debrief); true when in planning. */
function toPlanning(actor: Actor): boolean {
  for (let i = 0; i < 50; i++) {
    const phase = phaseOf(actor.getSnapshot().value);
    if (phase === 'turn.planning') return true;
    if (phase === 'debrief') return false;
    actor.send({ type: 'phase.advance' });
  }
  throw new Error('no planning phase reached');
}

/** Sends the draft in hand and moves on to next year's planning. */
function nextYear(actor: Actor): boolean {
  actor.send({ type: 'phase.advance' });
  return toPlanning(actor);
}

const total = (d: TurnDecision) => d.allocations.reduce((s, l) => s + l.amount, 0);
const roomFor = (scenario: Scenario, game: GameState, d: TurnDecision) => {
  const envelope = envelopeFor(scenario, game, d.share);
  const costs = upkeepOf(scenario, game, envelope, d);
  return envelope - costs.upkeep - costs.overlapCost;
};
const lastDecision = (game: GameState): TurnDecision => {
  const entry = game.log.filter((e) => e.kind === 'decision').at(-1);
  if (!entry || entry.kind !== 'decision') throw new Error('no decision logged');
  return entry.decision;
};

describe('the draft a year starts with', () => {
  it("is the policy's spread in an era's first year", () => {
    const actor = start(era1, 4);
    expect(toPlanning(actor)).toBe(true);
    const { game, draft } = actor.getSnapshot().context;
    expect(draft).toEqual(spreadDraft(era1, game!));
    expect(carriedDraft(era1, game!)).toBeNull();
  });

  it("carries last year's lines in their proportions, scaled to fill this year's room", () => {
    const actor = start(era1, 4);
    toPlanning(actor);
    // A hand-made plan: priorities, a few partners heavily funded, and only 70 % of the room used.
    actor.send({ type: 'policy.set', policy: 'priorities' });
    actor.send({ type: 'share.set', share: 1.3 });
    let snap = actor.getSnapshot();
    const base = snap.context.draft!;
    const lines = base.allocations.map((l, i) => ({ ...l, amount: l.amount * (i % 4 === 0 ? 3 : 0.5) }));
    const scale = (0.7 * roomFor(era1, snap.context.game!, { ...base, allocations: lines })) / lines.reduce((s, l) => s + l.amount, 0);
    const mine: TurnDecision = { ...base, allocations: lines.map((l) => ({ ...l, amount: l.amount * scale })) };
    actor.send({ type: 'decision.set', decision: mine });
    expect(actor.getSnapshot().context.rejection).toBeNull();
    expect(nextYear(actor)).toBe(true);

    snap = actor.getSnapshot();
    const game = snap.context.game!;
    const draft = snap.context.draft!;
    expect(lastDecision(game)).toEqual(mine);
    expect(validateDecision(era1, game, draft).ok).toBe(true);
    expect(draft.policy).toBe('priorities');
    expect(draft.share).toBe(1.3);
    // The whole of this year's room, as a spread would use it (a hair under, never over).
    expect(total(draft)).toBeCloseTo(roomFor(era1, game, draft) * 0.9999, 6);
    // Every line kept in the same proportions as last year.
    const active = new Set(activePartners(era1, game).map((p) => p.id));
    const kept = mine.allocations.filter((l) => active.has(l.partner) && programmesFor(era1, game, l.partner, l.focus).length > 0);
    expect(kept.length).toBeGreaterThan(3);
    const ratios = kept.map((l) => draft.allocations.find((d) => d.partner === l.partner && d.focus === l.focus)!.amount / l.amount);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
    expect(draft).not.toEqual(spreadDraft(era1, game));
  });

  it('drops partners no longer at the table, funds newcomers, and stays legal, in every era', () => {
    let left = 0;
    let joined = 0;
    let carried = 0;
    let years = 0;
    for (const scenario of eras) {
      const actor = start(scenario, 11);
      toPlanning(actor);
      let previous = new Set(activePartners(scenario, actor.getSnapshot().context.game!).map((p) => p.id));
      while (nextYear(actor)) {
        const { game, draft } = actor.getSnapshot().context;
        const active = new Set(activePartners(scenario, game!).map((p) => p.id));
        years++;
        expect(validateDecision(scenario, game!, draft!).ok).toBe(true);
        for (const line of draft!.allocations) expect(active.has(line.partner), `${scenario.id} ${game!.year}: ${line.partner} is not at the table`).toBe(true);
        for (const id of previous) if (!active.has(id)) left++;
        const newcomers = [...active].filter((id) => !previous.has(id));
        joined += newcomers.length;
        if (carriedDraft(scenario, game!)) {
          carried++;
          expect(draft).toEqual(carriedDraft(scenario, game!));
          // A newcomer gets money wherever the policy's spread gives it some.
          const spread = spreadDraft(scenario, game!);
          for (const id of newcomers) {
            if (spread.allocations.some((l) => l.partner === id && l.amount > 0)) expect(draft!.allocations.some((l) => l.partner === id && l.amount > 0)).toBe(true);
          }
        } else {
          expect(draft).toEqual(spreadDraft(scenario, game!));
        }
        previous = active;
      }
      // Played on the carried drafts alone, the game is still the core's replay of its log.
      const game = actor.getSnapshot().context.game!;
      expect(game.finished).toBe(true);
      expect(replay(scenario, 11, game.log)).toEqual(game);
    }
    // Not vacuous: partners did leave and join the table, and most years carried lines over.
    expect(left).toBeGreaterThan(0);
    expect(joined).toBeGreaterThan(0);
    expect(carried).toBeGreaterThan(years / 2);
  });

  it("falls back to the spread when last year funded no one", () => {
    const actor = start(era1, 4);
    toPlanning(actor);
    actor.send({ type: 'decision.set', decision: { ...actor.getSnapshot().context.draft!, allocations: [] } });
    expect(nextYear(actor)).toBe(true);
    const { game, draft } = actor.getSnapshot().context;
    expect(carriedDraft(era1, game!)).toBeNull();
    expect(draft).toEqual(spreadDraft(era1, game!));
  });

  it('falls back to the spread when the carried lines would break equal treatment', () => {
    const actor = start(era1, 4);
    toPlanning(actor);
    actor.send({ type: 'phase.advance' });
    toPlanning(actor);
    const game = actor.getSnapshot().context.game!;
    const spread = spreadDraft(era1, game);
    expect(spread.policy).toBe('equal');
    // A log whose last year funded every partner but one of them twenty times over under equal
    // treatment (as an edited save could hold): carried over, that is not a legal plan, so the
    // spread is offered instead.
    const lopsided = spread.allocations.map((l, i) => ({ ...l, amount: i === 0 ? l.amount * 20 : l.amount }));
    const edited: GameState = {
      ...game,
      log: [...game.log.filter((e) => e.kind !== 'decision'), { kind: 'decision', year: game.year - 1, decision: { ...spread, allocations: lopsided } }],
    };
    expect(carriedDraft(era1, edited)).toBeNull();
    expect(defaultDraft(era1, edited)).toEqual(spread);
  });
});
