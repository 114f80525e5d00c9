// @vitest-environment jsdom
/**
 * The red cell's signals form once its signals are taken (docs/exercise.md, "A year's
 * phases"): the engine takes a red cell's signals again until the signals phase closes
 * (test/exercise/redRevise.test.ts), so the form stays open with the figures the engine took,
 * says in words what stands and that the room no longer waits for the cell, in English and
 * French, and a revision sent from it replaces the first. Rendered in jsdom from the
 * engine's own view, the send going through the engine (Phaser is stubbed).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { redScreen } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import type { Move } from '../../src/exercise/types';
import { era, standInsUntil } from '../exercise/support';
import { engineContext } from '../support/screens';

const scenario = era('era1-enlargement');
const ally = 'ally:southern-flank';

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

describe("the red cell's signals form once its signals are taken", () => {
  it('stays open with what was taken, says so, and sends a revision in its place', () => {
    let ex: ExerciseState = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { 'red:russia': { held: true }, [ally]: { held: true }, nato: { held: true } } }));
    ex = standInsUntil(scenario, ex, (e) => e.phase === 'signals');
    const sent: Move[] = [];
    const memo: Record<string, unknown> = {};
    const ctx = engineContext(scenario, () => ex, (next) => (ex = next), sent, memo);
    const draw = () => document.body.replaceChildren(...redScreen(ctx(), viewFor(scenario, ex, 'red:russia')));
    const field = (id: string) => document.querySelector<HTMLInputElement>(`[data-testid="cx-signal-${id}"]`)!;
    const type = (id: string, text: string) => {
      field(id).value = text;
      field(id).dispatchEvent(new Event('input'));
    };
    const send = () => document.querySelector<HTMLButtonElement>('[data-testid="cx-send-signals"]')!.click();

    draw();
    expect(document.querySelector('[data-testid="cx-signals-taken"]')).toBeNull();
    const ids = [...document.querySelectorAll<HTMLInputElement>('[data-testid^="cx-signal-"]')].map((f) => f.dataset.testid!.slice('cx-signal-'.length));
    const east = ids.filter((id) => scenario.partners.find((p) => p.id === id)?.region === 'east');
    for (const id of ids) type(id, '0');
    type(east[0], '4');
    type(east[1], '3');
    const bluff = document.querySelector<HTMLInputElement>(`[data-testid="cx-bluff-${east[1]}"]`)!;
    for (const id of ids) {
      const b = document.querySelector<HTMLInputElement>(`[data-testid="cx-bluff-${id}"]`)!;
      b.checked = b === bluff;
      b.dispatchEvent(new Event('change'));
    }
    send();
    expect(ex.turn.signals.russia?.map((s) => s.partner)).toEqual([east[0], east[1]]);
    expect(ex.phase).toBe('signals');
    expect(waitingFor(scenario, ex)).toEqual([ally]);

    // Drawn again: the form is still there, holding what the engine took, and says it stands.
    draw();
    expect(document.querySelector('[data-testid="cx-red-signals"]')).not.toBeNull();
    expect(field(east[0]).value).toBe('4.00');
    expect(field(east[1]).value).toBe('3.00');
    expect(field(east[2]).value).toBe('0.00');
    const name = (id: string) => scenario.partners.find((p) => p.id === id)!.name.en;
    const taken = document.querySelector('[data-testid="cx-signals-taken"]')!;
    expect(taken.getAttribute('role')).toBe('status');
    expect(taken.textContent).toBe(`Your signals stand: ${name(east[0])} €4.0m, ${name(east[1])} €3.0m (bluff). The room no longer waits for you; until the signals phase closes you may still change them below and send them again, in place of these.`);
    expect(document.querySelector('[data-testid="cx-send-signals"]')!.textContent).toBe('Send the signals again');
    // The cell is no longer waited for: no "we are ready" to press (the engine would refuse it).
    expect(document.querySelector('[data-testid="cx-ready"]')).toBeNull();
    setLanguage('fr');
    draw();
    expect(document.querySelector('[data-testid="cx-signals-taken"]')!.textContent).toMatch(/^Vos signaux sont retenus\u00a0: .+ \(bluff\)\. La salle ne vous attend plus\u202f; /);
    setLanguage('en');
    draw();

    // A revision: the second offer dropped, a third made; taken in place of the first send.
    type(east[1], '0');
    type(east[2], '5');
    send();
    expect(sent.length).toBe(2);
    expect(ex.turn.signals.russia).toEqual([
      { partner: east[0], amount: 4, bluff: false },
      { partner: east[2], amount: 5, bluff: false },
    ]);
    expect(ex.game.briefing.offers.filter((o) => o.competitor === 'russia').map((o) => o.partner)).toEqual([east[0], east[2]]);
  });
});
