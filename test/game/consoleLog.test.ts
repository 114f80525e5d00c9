// @vitest-environment jsdom
/**
 * The console's "Latest moves" after a rewind (docs/facilitator-guide.md, "Rewind"): the
 * list shows the line in play and says where the White Cell went back to and why, in
 * English and French, instead of listing the abandoned line's moves as if they were the
 * game now. Each move is numbered by its seq in the record, as the after-action report
 * numbers it. Rendered in jsdom from the engine's own view (Phaser, which the staff board
 * imports, is stubbed: the console is plain DOM).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { consoleScreen } from '../../src/game/exercise/console';
import type { ScreenContext } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { applyMove, createExercise, defaultSetup, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import { scenarioRoles } from '../../src/exercise/roles';
import { era, standInsUntil } from '../exercise/support';

const scenario = era('era1-enlargement');
const start = scenario.start;

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

/** The items of the console's latest-moves list: their numbers and texts. */
function latestMoves(ex: ExerciseState, title: string): { n: number; text: string; rewind: boolean }[] {
  const ctx: ScreenContext = { client: { roles: () => scenarioRoles(scenario) } as unknown as ScreenContext['client'], scenario, readonly: false, send: () => ({ ok: true }), rerender: () => undefined, memo: {} };
  document.body.replaceChildren(...consoleScreen(ctx, viewFor(scenario, ex, 'white'), () => []));
  const panel = [...document.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === title);
  expect(panel).toBeDefined();
  return [...panel!.querySelectorAll('ol > li')].map((li) => ({ n: (li as HTMLLIElement).value, text: li.textContent ?? '', rewind: li.classList.contains('cx-log-rewind') }));
}

describe("the console's latest moves after a rewind", () => {
  it('shows the line in play and the rewind with its year and reason, none of the abandoned line', () => {
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 7, seats: { nato: { held: true }, white: { held: true } } }));
    ex = standInsUntil(scenario, ex, (e) => e.game.year === start + 2 && e.phase === 'review');
    const abandoned = new Set(ex.log.filter((e) => e.year >= start + 1).map((e) => e.seq));
    const r = applyMove(scenario, ex, { role: 'white', type: 'white.rewind', toYear: start + 1, rationale: 'try the second year with priorities' });
    if (!r.ok) throw new Error(r.reason);
    ex = r.state;

    setLanguage('en');
    const items = latestMoves(ex, 'Latest moves');
    expect(items.filter((i) => abandoned.has(i.n))).toEqual([]);
    // The first year's moves, by their seqs in the record, then the rewind, marked.
    const firstYear = ex.log.filter((e) => e.year === start).map((e) => e.seq);
    expect(items.map((i) => i.n)).toEqual([...firstYear, ex.log.length]);
    expect(items.slice(0, -1).every((i) => i.text.startsWith(`${start} `) && !i.rewind)).toBe(true);
    expect(items[items.length - 1]).toEqual({ n: ex.log.length, text: `${start + 2} Review — Rewound to ${start + 1}: try the second year with priorities`, rewind: true });

    setLanguage('fr');
    const fr = latestMoves(ex, 'Derniers coups');
    expect(fr[fr.length - 1].text).toBe(`${start + 2} Bilan — Retour en ${start + 1}\u00a0: try the second year with priorities`);
    setLanguage('en');
  });

  it('says which notes were made on the line a rewind left, in English and French', () => {
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 7, seats: { nato: { held: true }, white: { held: true } } }));
    ex = standInsUntil(scenario, ex, (e) => e.game.year === start + 1 && e.phase === 'planning');
    const note = (text: string) => {
      const r = applyMove(scenario, ex, { role: 'white', type: 'white.note', text });
      if (!r.ok) throw new Error(r.reason);
      ex = r.state;
    };
    note('made before the rewind, on the line it leaves');
    const r = applyMove(scenario, ex, { role: 'white', type: 'white.rewind', toYear: start + 1, rationale: 'again' });
    if (!r.ok) throw new Error(r.reason);
    ex = r.state;
    note('made after the rewind');
    const notes = (title: string) => {
      latestMoves(ex, title === 'Observer notes' ? 'Latest moves' : 'Derniers coups');
      const panel = document.querySelector('[data-testid="cx-notes"]')!;
      return [...panel.querySelectorAll('li')].map((li) => li.textContent ?? '');
    };
    setLanguage('en');
    const en = notes('Observer notes');
    expect(en.find((t) => t.includes('made before the rewind'))).toMatch(new RegExp(`\\(on the line left by the rewind to ${start + 1}\\)$`));
    expect(en.find((t) => t.includes('made after the rewind'))).not.toContain('line left');
    setLanguage('fr');
    expect(notes('Notes').find((t) => t.includes('made before the rewind'))).toMatch(new RegExp(`\\(sur la ligne abandonnée au retour en ${start + 1}\\)$`));
    setLanguage('en');
  });
});
