/**
 * Conditions on a programme running (rules version 4): era 2's Gulf states sign up to the
 * Istanbul initiative in 2005 only if NATO still runs ICI cooperation; a player who folded
 * Gulf outreach into the Mediterranean Dialogue in 2004 meets the counterfactual card, and
 * the 2006 MSEL inject on an ICI conference waits for the programme to run again.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import { startGame, playTurn } from '../../src/core/game';
import { conditionsHold } from '../../src/core/events';
import { allocateEvenly } from '../../src/core/policies';
import type { GameState, TurnRecord } from '../../src/core/state';
import { playTurnReference } from '../../src/core/rules/reference';
import { problemsAfter } from '../support/builder';

const era2 = scenarioFiles()
  .map((f) => loadScenarioFile(f))
  .flatMap((l) => (l.ok && l.scenario.id === 'era2-stability' ? [l.scenario] : []))[0]!;

/** Plays era 2 from 2004 to the end of `until`, answering the Istanbul summit with `istanbul` (other cards: their first choice). */
function play(istanbul: string, until: number, reference = false): { state: GameState; records: TurnRecord[] } {
  let state = startGame(era2, 11);
  const records: TurnRecord[] = [];
  while (state.year <= until && !state.finished) {
    const decision = { share: 1.5, policy: 'equal' as const, allocations: allocateEvenly(era2, state, 1.5), actions: [] };
    const choose = (_s: GameState, id: string) => (id === 'istanbul' ? istanbul : undefined);
    const r = reference ? playTurnReference(era2, state, decision, choose) : playTurn(era2, state, decision, choose);
    if (!r.ok) throw new Error(r.reason);
    records.push(r.record);
    state = r.state;
  }
  return { state, records };
}

const card = (records: TurnRecord[], year: number, id: string, source = 'event') => records.find((r) => r.year === year)?.events.find((e) => e.id === id && e.source === source);

describe('a condition on a programme running', () => {
  it('history: the Gulf states sign up to the ICI in 2005, and the ICI conference inject fires in 2006', () => {
    const { records } = play('launch-all', 2006);
    expect(card(records, 2004, 'istanbul')?.choice).toBe('launch-all');
    expect(card(records, 2005, 'gulf-join-ici')).toMatchObject({ counterfactual: false });
    expect(card(records, 2006, '2', 'inject')).toBeDefined();
  });

  it('ICI cooperation folded away in 2004: the 2005 card is the counterfactual, and the conference inject waits', () => {
    for (const reference of [false, true]) {
      const { records, state } = play('fold-into-md', 2006, reference);
      expect(state.programmeStatus['ici-coop']).toBe('retired');
      expect(card(records, 2005, 'gulf-join-ici')).toMatchObject({ counterfactual: true });
      expect(card(records, 2006, '2', 'inject')).toBeUndefined();
    }
  });

  it('the counterfactual card can revive ICI cooperation', () => {
    const c = era2.events.find((e) => e.id === 'gulf-join-ici')!.counterfactual!;
    expect(c.choices.find((x) => x.id === 'revive-ici')?.effects).toContainEqual({ kind: 'programme', programme: 'ici-coop', status: 'active' });
    expect(c.choices[0].consensusCost).toBe(0);
  });

  it('a scenario naming an unknown programme in a condition is refused, by JSON path', () => {
    const problems = problemsAfter((s) => {
      (s.events![0] as { when?: unknown[] }).when = [{ programme: 'nope', active: true }];
    });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.events[0].when[0].programme' }));
  });

  it('a condition that fits neither shape is said by the closer one, field by field', () => {
    const said = (when: unknown) => problemsAfter((s) => void ((s.events![0] as { when?: unknown }).when = [when]));
    expect(said({ metric: 'trust', op: '=', value: 1 })).toEqual([expect.objectContaining({ path: '$.events[0].when[0].op' })]);
    expect(said({ programme: 'ipp', active: 'yes' })).toEqual([expect.objectContaining({ path: '$.events[0].when[0].active', message: expect.stringContaining('boolean') })]);
  });

  it('the generic card on overlapping programmes is drawn only while the programmes it names run', () => {
    const card = era2.events.find((e) => e.id === 'gen-overlap')!;
    let state = startGame(era2, 3);
    state = { ...state, year: 2007 };
    expect(conditionsHold(era2, state, card.when)).toBe(true);
    expect(conditionsHold(era2, { ...state, programmeStatus: { ...state.programmeStatus, 'md-coop': 'retired' } }, card.when)).toBe(false);
    expect(conditionsHold(era2, { ...state, year: 2005 }, card.when)).toBe(false);
  });
});
