// @vitest-environment jsdom
/**
 * Figures on the exercise's screens read true at a glance (docs/exercise.md): the metrics'
 * "change in a year" counts the era's first year from its starting values, the projector
 * draws no arrow for a change that rounds to nothing, and a capital's red-line warning says
 * two sums with as many decimals as it takes to tell them apart. Rendered in jsdom from the
 * engine's own views (Phaser is stubbed: these screens are plain DOM).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { metricsPanel } from '../../src/game/exercise/roleScreens';
import { projectorBody } from '../../src/game/exercise/projector';
import { moneyApart } from '../../src/game/exercise/widgets';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { createExercise, defaultSetup, type ExerciseState } from '../../src/exercise/engine';
import { viewFor, type RoleView } from '../../src/exercise/views';
import { era, standInsUntil } from '../exercise/support';

const scenario = era('era2-stability');

/** An all-stand-in exercise played until `done` holds. */
const playUntil = (done: (ex: ExerciseState) => boolean): ExerciseState => standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { nato: { held: true }, white: { held: true } } })), done);

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

describe('figures on the exercise screens', () => {
  it("counts the first year's change from the era's starting values, on the teams' screens and the projector", () => {
    const ex = playUntil((e) => e.game.turns.length === 1);
    const view = viewFor(scenario, ex, 'observer');
    const panel = metricsPanel(view, scenario);
    const cells = [...panel.querySelector('table')!.querySelectorAll('tbody tr')].map((tr) => tr.lastElementChild!.textContent);
    expect(cells.length).toBe(7);
    expect(cells.every((c) => c !== '—')).toBe(true);
    const security = view.alliance.security - scenario.initial.security;
    expect(cells[0]).toBe(security === 0 ? '0.0' : `${security > 0 ? '+' : '−'}${Math.abs(security).toFixed(1)}`);
    const wall = projectorBody(view, scenario);
    expect(wall.querySelectorAll('.cx-proj-metric .cx-muted').length).toBe(7);
  });

  it('draws no arrow on the projector for a change that rounds to nothing', () => {
    const ex = playUntil((e) => e.game.turns.length === 2);
    const view = viewFor(scenario, ex, 'observer');
    const flat: RoleView = { ...view, alliance: { ...view.alliance, coherence: view.turns[0].alliance.coherence + 0.02 } };
    const wall = projectorBody(flat, scenario);
    const texts = [...wall.querySelectorAll('.cx-proj-metric')].map((m) => m.textContent ?? '');
    const coherence = texts.find((t) => t.startsWith('Coherence'))!;
    expect(coherence).toMatch(/0\.0$/);
    expect(coherence).not.toMatch(/[▲▼]/);
    expect(texts.filter((t) => /[▲▼] [+−]/.test(t)).length).toBeGreaterThan(0);
  });

  it('says two sums of money with enough decimals to tell them apart', () => {
    expect(moneyApart(1.19, 1.23)).toEqual(['€1.19m', '€1.23m']);
    expect(moneyApart(0.9, 1.6)).toEqual(['€0.9m', '€1.6m']);
    expect(moneyApart(1.2341, 1.2349)).toEqual(['€1.234m', '€1.235m']);
    setLanguage('fr');
    expect(moneyApart(1.19, 1.23)[0]).toMatch(/^1,19\s?M€$/);
    setLanguage('en');
  });
});
