// @vitest-environment jsdom
/**
 * What a table types or chooses survives the page being drawn again after a move (anyone's,
 * a refused one included) until it is sent (docs/exercise.md, "Forms"): the White Cell's
 * adjudication of one region while another is refused for want of a rationale (the step it
 * chose was reset to the engine's and recorded so), its rewind year after a refused rewind
 * (reset to the era's first year), its note while an inject is published; a partner team's
 * other rows while one is sent. Once a move is taken, its fields start afresh. Rendered in
 * jsdom from the engine's own views, the screen drawn again after each move as the app does.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { consoleScreen } from '../../src/game/exercise/console';
import { partnerScreen, type ScreenContext } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { applyMove, createExercise, defaultSetup, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import { scenarioRoles } from '../../src/exercise/roles';
import type { Move, RoleId } from '../../src/exercise/types';
import { era, standInsUntil } from '../exercise/support';

const scenario = era('era1-enlargement');

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

/** A screen of one role over a live engine: each move applied (or refused), then the screen drawn again, as the app does. */
function table(start: ExerciseState, role: RoleId) {
  let ex = start;
  const sent: Move[] = [];
  const memo: Record<string, unknown> = {};
  const draw = () => {
    const view = viewFor(scenario, ex, role);
    document.body.replaceChildren(...(role === 'white' ? consoleScreen(ctx, view, () => []) : partnerScreen(ctx, view)));
  };
  const ctx: ScreenContext = {
    client: { roles: () => scenarioRoles(scenario) } as unknown as ScreenContext['client'],
    scenario,
    readonly: false,
    memo,
    rerender: draw,
    send: (m) => {
      sent.push(m);
      const r = applyMove(scenario, ex, m);
      if (r.ok) ex = r.state;
      draw();
      return r.ok ? { ok: true, seq: ex.log.length } : { ok: false, code: r.code, reason: r.reason };
    },
  };
  draw();
  return { sent, draw, state: () => ex, set: (next: ExerciseState) => ((ex = next), draw()) };
}

const el = <T extends HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`)!;
function type(testId: string, value: string): void {
  const input = el<HTMLInputElement | HTMLSelectElement>(testId);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
}

const seats = (roles: RoleId[]) => Object.fromEntries(['white', ...roles].map((r) => [r, { held: true }]));

describe('forms kept across the redraws of a move', () => {
  it("keeps the White Cell's step and rationale for one region while another is refused, and records the steps it chose", () => {
    const ex = standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 9, seats: seats(['nato']) })), (e) => e.phase === 'adjudication');
    const t = table(ex, 'white');
    const regions = viewFor(scenario, ex, 'white').results!.map((r) => r.region);
    expect(regions.length).toBeGreaterThan(1);
    const [first, second] = regions;
    type(`cx-adj-step-${first}`, 'minorNatoGain');
    type(`cx-adj-rationale-${first}`, 'The first region, reasoned');
    type(`cx-adj-step-${second}`, 'minorCompetitorGain');
    // No rationale for the second: refused; both rows keep what was chosen.
    el<HTMLButtonElement>(`cx-adjudicate-${second}`).click();
    expect(t.state().turn.adjudications).toEqual([]);
    expect(el<HTMLSelectElement>(`cx-adj-step-${first}`).value).toBe('minorNatoGain');
    expect(el<HTMLInputElement>(`cx-adj-rationale-${first}`).value).toBe('The first region, reasoned');
    expect(el<HTMLSelectElement>(`cx-adj-step-${second}`).value).toBe('minorCompetitorGain');
    type(`cx-adj-rationale-${second}`, 'The second region, reasoned');
    el<HTMLButtonElement>(`cx-adjudicate-${second}`).click();
    el<HTMLButtonElement>(`cx-adjudicate-${first}`).click();
    const steps = Object.fromEntries(t.state().turn.adjudications.map((a) => [a.region, a.step]));
    expect(steps).toEqual({ [first]: 'minorNatoGain', [second]: 'minorCompetitorGain' });
  });

  it("keeps the White Cell's rewind year after a refused rewind, and its note while an inject is published; a note added leaves an empty field", () => {
    const ex = standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 9, seats: seats(['nato']) })), (e) => e.game.year === scenario.start + 2 && e.phase === 'briefing');
    const t = table(ex, 'white');
    const target = String(scenario.start + 1);
    type('cx-rewind-year', target);
    el<HTMLButtonElement>('cx-rewind').click();
    expect(t.sent.at(-1)).toMatchObject({ type: 'white.rewind', rationale: '' });
    expect(el<HTMLSelectElement>('cx-rewind-year').value).toBe(target);

    type('cx-note-text', 'Raise in the hotwash: the red line bit');
    const publish = document.querySelector<HTMLButtonElement>('[data-testid^="cx-publish-"]')!;
    publish.click();
    expect(t.state().published.length).toBeGreaterThan(0);
    expect(el<HTMLInputElement>('cx-note-text').value).toBe('Raise in the hotwash: the red line bit');
    el<HTMLButtonElement>('cx-note-add').click();
    expect(t.state().notes.at(-1)?.text).toBe('Raise in the hotwash: the red line bit');
    expect(el<HTMLInputElement>('cx-note-text').value).toBe('');
    // And the rewind, reasoned now, goes to the year chosen before the refusal.
    type('cx-rewind-rationale', 'Back one year');
    el<HTMLButtonElement>('cx-rewind').click();
    expect(t.state().game.year).toBe(scenario.start + 1);
  });

  it("keeps a partner team's other rows while one row is sent", () => {
    const team = `partner:${scenario.partnerTeams[0].id}` as RoleId;
    const ex = standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 9, seats: seats([team]) })), (e) => e.phase === 'signals');
    table(ex, team);
    const ids = [...document.querySelectorAll<HTMLInputElement>('[data-testid^="cx-self-"]')].map((i) => i.dataset.testid!.replace('cx-self-', '')).filter((id) => !id.startsWith('send-'));
    expect(ids.length).toBeGreaterThan(1);
    const [a, b] = ids;
    const menu = [...el<HTMLSelectElement>(`cx-demand-${b}`).options].map((o) => o.value);
    const other = menu.find((f) => f !== el<HTMLSelectElement>(`cx-demand-${b}`).value)!;
    type(`cx-self-${b}`, '15');
    type(`cx-demand-${b}`, other);
    type(`cx-self-${a}`, '25');
    el<HTMLButtonElement>(`cx-self-send-${a}`).click();
    expect(el<HTMLInputElement>(`cx-self-${b}`).value).toBe('15');
    expect(el<HTMLSelectElement>(`cx-demand-${b}`).value).toBe(other);
    expect(el<HTMLInputElement>(`cx-self-${a}`).value).toBe('25');
  });
});
