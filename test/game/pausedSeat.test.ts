// @vitest-environment jsdom
/**
 * A seat while the White Cell has paused the room (docs/exercise.md, "White Cell controls"):
 * its panels stay as they were left — NATO's staff keeps its draft on the board, locked, in
 * this year's money (it showed last year's column and dropped the objections' reasons); a
 * capital keeps the proposal with its answer buttons, disabled, and the reason it typed — and
 * a notice says why nothing can be sent. Resumed, the same forms send again. Rendered in jsdom
 * from the engine's own views (Phaser is stubbed: the board is plain DOM).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { allyScreen, holdMoves, natoScreen, type ScreenContext } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { applyMove, createExercise, defaultSetup, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import type { Move, RoleId } from '../../src/exercise/types';
import { era, standInsUntil } from '../exercise/support';
import { engineContext } from '../support/screens';

const scenario = era('era1-enlargement');

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

function played(ex: ExerciseState, move: Move): ExerciseState {
  const r = applyMove(scenario, ex, move);
  if (!r.ok) throw new Error(r.reason);
  return r.state;
}

/** An exercise with the White Cell, NATO's staff and a capital held, at the staff's first planning turn. */
function atPlanning(): ExerciseState {
  const seats = Object.fromEntries(['white', 'nato', 'ally:southern-flank'].map((r) => [r, { held: true }]));
  return standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 5, seats })), (e) => e.phase === 'planning');
}

/** A role's screen drawn as `roleBody` draws it (its panels, then held while paused). */
function draw(role: RoleId, ex: ExerciseState, ctx: ScreenContext): void {
  const view = viewFor(scenario, ex, role);
  const panels = role === 'nato' ? natoScreen(ctx, view) : allyScreen(ctx, view);
  document.body.replaceChildren(...holdMoves(ctx, view, panels));
}

const board = () => document.querySelector('[data-testid="cx-staff-board"]')!;
const moneyColumn = () => [...board().querySelectorAll('.cs-pmoney')].map((e) => e.textContent);

describe('a seat while the room is paused', () => {
  it("keeps NATO's draft on the board, locked and in this year's money, and opens it again on resume", () => {
    let ex = atPlanning();
    const sent: Move[] = [];
    const memo: Record<string, unknown> = {};
    const ctx = engineContext(scenario, () => ex, (e) => (ex = e), sent, memo);
    draw('nato', ex, ctx());
    const up = () => board().querySelector<HTMLButtonElement>('[data-testid="share-up"]')!;
    up().click();
    draw('nato', ex, ctx());
    const share = board().querySelector('[data-testid="share-value"]')!.textContent;
    const drafted = moneyColumn();
    // Last year's column, before the era's first year, is nothing paid to anyone.
    expect(drafted.filter((m) => !/^€?0(\.0+)?\s?M?€?$/.test(m ?? '')).length).toBeGreaterThan(0);
    expect(board().textContent).toContain('this year');

    ex = played(ex, { role: 'white', type: 'white.pause' });
    draw('nato', ex, ctx());
    expect(document.querySelector('[data-testid="cx-paused-seat"]')!.textContent).toBe('The White Cell has paused the exercise. What you type stays on this screen; your moves can be sent once it resumes.');
    // The draft as it was left, locked: the share raised, the same money per partner, not last year's column.
    expect(board().querySelector('[data-testid="share-value"]')!.textContent).toBe(share);
    expect(up().disabled).toBe(true);
    expect(moneyColumn()).toEqual(drafted);
    expect(board().textContent).toContain('this year');
    expect(board().querySelector('[data-testid="board-next"]')?.hasAttribute('disabled') ?? true).toBe(true);

    ex = played(ex, { role: 'white', type: 'white.resume' });
    draw('nato', ex, ctx());
    expect(document.querySelector('[data-testid="cx-paused-seat"]')).toBeNull();
    expect(up().disabled).toBe(false);
    expect(board().querySelector('[data-testid="share-value"]')!.textContent).toBe(share);
  });

  it("keeps a capital's proposal, its answer buttons disabled and its typed reason, in English and French", () => {
    let ex = atPlanning();
    const sent: Move[] = [];
    ex = standInsUntil(scenario, ex, (e) => e.turn.proposals.length > 0);
    const allyCtx = engineContext(scenario, () => ex, (e) => (ex = e), sent, {});
    draw('ally:southern-flank', ex, allyCtx());
    const reason = document.querySelector<HTMLInputElement>('[data-testid="cx-object-reason"]')!;
    reason.value = 'Too little for the South';
    reason.dispatchEvent(new Event('input'));

    ex = played(ex, { role: 'white', type: 'white.pause' });
    setLanguage('fr');
    draw('ally:southern-flank', ex, allyCtx());
    expect(document.querySelector('[data-testid="cx-paused-seat"]')!.textContent).toBe('La cellule blanche a mis l’exercice en pause. Ce que vous saisissez reste sur cet écran\u00a0; vos coups pourront être envoyés à la reprise.');
    expect(document.querySelector<HTMLButtonElement>('[data-testid="cx-approve"]')!.disabled).toBe(true);
    expect(document.querySelector<HTMLButtonElement>('[data-testid="cx-object"]')!.disabled).toBe(true);
    expect(document.querySelector<HTMLInputElement>('[data-testid="cx-object-reason"]')!.value).toBe('Too little for the South');
    setLanguage('en');

    ex = played(ex, { role: 'white', type: 'white.resume' });
    draw('ally:southern-flank', ex, allyCtx());
    document.querySelector<HTMLButtonElement>('[data-testid="cx-object"]')!.click();
    expect(sent.at(-1)).toEqual({ role: 'ally:southern-flank', type: 'ally.object', reason: 'Too little for the South' });
  });
});
