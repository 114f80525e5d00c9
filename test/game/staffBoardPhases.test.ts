// @vitest-environment jsdom
/**
 * NATO's staff reads the exercise's own phase on its board (docs/exercise.md, "NATO's staff
 * at the board"): the solo board knows five phases, and its strip read "Briefing" while the
 * tables sent their signals. The staff board's strip lists this exercise's phases (signals
 * where a capital, partner team or red cell is held, adjudication where the White Cell is),
 * marks the one the room is in, keeps it when the board draws itself again (a partner
 * selected), and the staff's screen says, in English and French, that the tables are
 * sending their signals and the staff waits. Rendered in jsdom from the engine's own view
 * (Phaser is stubbed: the board is plain DOM).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { natoScreen, type ScreenContext } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import type { RoleId } from '../../src/exercise/types';
import { era, standInsUntil } from '../exercise/support';

const scenario = era('era1-enlargement');

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

/** An exercise with NATO's staff and these roles held, played to the first signals phase. */
function atSignals(held: RoleId[]): ExerciseState {
  const seats = Object.fromEntries(['nato', ...held].map((r) => [r, { held: true }]));
  const ex = standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 3, seats })), (e) => e.phase === 'signals');
  expect(ex.phase).toBe('signals');
  return ex;
}

/** Draws NATO's screen (one screen memory, so one board across draws) and reads the board's strip. */
function draw(ex: ExerciseState, memo: Record<string, unknown> = {}): { strip: string[]; current: string | null } {
  const ctx = { client: null as never, scenario, readonly: false, memo, rerender: () => undefined, send: () => ({ ok: true }) } as unknown as ScreenContext;
  document.body.replaceChildren(...natoScreen(ctx, viewFor(scenario, ex, 'nato')));
  return strip();
}

function strip(): { strip: string[]; current: string | null } {
  const items = [...document.querySelectorAll('[data-testid="cx-staff-board"] .cs-top .cs-phases li')];
  return { strip: items.map((li) => li.textContent ?? ''), current: items.find((li) => li.getAttribute('aria-current') === 'step')?.textContent ?? null };
}

describe("NATO's staff board in the signals phase", () => {
  it("names the exercise's phase in its strip, and keeps it when the board draws itself again", () => {
    const ex = atSignals(['red:russia', 'ally:southern-flank']);
    expect(waitingFor(scenario, ex)).toEqual(['red:russia', 'ally:southern-flank']);
    const memo: Record<string, unknown> = {};
    const drawn = draw(ex, memo);
    expect(drawn.strip).toEqual(['1. Briefing', '2. Signals', '3. Planning', '4. Resolution', '5. Events', '6. Review']);
    expect(drawn.current).toBe('2. Signals');
    expect(document.querySelector('[data-testid="phase-briefing"]')!.className).toBe('cs-done');
    // A partner picked in the board's own list: the board draws itself again, the strip with it.
    const other = document.querySelector<HTMLButtonElement>('[data-testid="cx-staff-board"] button[data-testid^="partner-"][aria-pressed="false"]')!;
    const id = other.dataset.testid!;
    other.click();
    expect(document.querySelector(`[data-testid="cx-staff-board"] [data-testid="${id}"]`)!.getAttribute('aria-pressed')).toBe('true');
    expect(strip().current).toBe('2. Signals');
    const wait = document.querySelector('[data-testid="cx-staff-signals"]')!;
    expect(wait.getAttribute('role')).toBe('status');
    expect(wait.textContent).toBe('Signals: the tables are sending their signals (Red cell (Russia), Southern Allies). The staff waits; it plans the year once the phase closes.');

    setLanguage('fr');
    const fr = draw(ex, memo);
    expect(fr.current).toBe('2. Signaux');
    expect(document.querySelector('[data-testid="cx-staff-signals"]')!.textContent).toMatch(/^Signaux\u00a0: les tables envoient leurs signaux \(Cellule rouge \(Russie\), .+\)\. L’état-major attend\u202f; il planifie l’année une fois la phase close\.$/);
    setLanguage('en');
  });

  it('lists the adjudication where the White Cell is held, and the planning as the current phase once the signals close', () => {
    let ex = atSignals(['partner:central-aspirants', 'white']);
    expect(draw(ex).strip).toEqual(['1. Briefing', '2. Signals', '3. Planning', '4. Resolution', '5. Adjudication', '6. Events', '7. Review']);
    ex = standInsUntil(scenario, ex, (e) => e.phase === 'planning');
    const drawn = draw(ex);
    expect(drawn.current).toBe('3. Planning');
    expect(document.querySelector('[data-testid="cx-staff-signals"]')).toBeNull();
  });
});
