// @vitest-environment jsdom
/**
 * The facilitator's console lists the MSEL in words a White Cell reads at a glance
 * (docs/facilitator-guide.md): an inject that waits on another's answer names that answer
 * by its label, not its id; an inject with conditions on the state names the metric, the
 * partner (as called that year) and the threshold; and once the era is over, an inject that
 * never fired says so instead of "pending". Rendered in jsdom from the engine's own views
 * (Phaser, which the staff board imports, is stubbed: the console is plain DOM).
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { consoleScreen } from '../../src/game/exercise/console';
import type { ScreenContext } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { viewFor } from '../../src/exercise/views';
import type { Scenario } from '../../src/core/scenario';
import { era } from '../exercise/support';
import { scenarioRoles } from '../../src/exercise/roles';

/** Era 1 with one more inject, fired by conditions on the state: a partner's trust, Russia's influence in the East and a programme running. */
function withConditions(): Scenario {
  const base = era('era1-enlargement');
  const model = base.injects[0];
  const extra = {
    ...model,
    serial: 99,
    year: undefined,
    after: undefined,
    when: [
      { metric: 'trust' as const, partner: 'UKR', op: '<' as const, value: 40 },
      { metric: 'influence' as const, competitor: 'russia' as const, region: 'east' as const, op: '>' as const, value: 62.5 },
      { programme: base.programmes[0].id, active: true },
    ],
  };
  return { ...base, injects: [...base.injects, extra] };
}

function mselRows(scenario: Scenario, ex: ExerciseState): Record<string, { when: string; state: string }> {
  const ctx: ScreenContext = { client: { roles: () => scenarioRoles(scenario) } as unknown as ScreenContext['client'], scenario, readonly: false, send: () => ({ ok: true }), rerender: () => undefined, memo: {} };
  document.body.replaceChildren(...consoleScreen(ctx, viewFor(scenario, ex, 'white'), () => []));
  const rows: Record<string, { when: string; state: string }> = {};
  const table = [...document.querySelectorAll('section')].find((s) => /Master events list|Liste principale des incidents/.test(s.querySelector('h2')?.textContent ?? ''))!;
  for (const tr of table.querySelectorAll('tbody tr')) {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
    rows[cells[0]] = { when: cells[1], state: cells[4] };
  }
  return rows;
}

describe('the console\'s MSEL in words', () => {
  const scenario = withConditions();
  const start = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { white: { held: true } } }));

  it('names the answer an inject waits on by its label, and conditions by metric, partner and threshold, in English and French', () => {
    initI18n('en');
    const choice = scenario.injects.find((i) => i.serial === 2)!.choices.find((c) => c.id === 'high-estimate')!;
    let rows = mselRows(scenario, start);
    expect(rows['3'].when).toBe(`after #2 answered “${choice.label.en}”`);
    const programme = scenario.programmes[0].name;
    expect(rows['99'].when).toBe(`Ukraine: trust < 40; Russian influence in the East > 62.5; ${programme.en}: running`);
    expect(rows['3'].state).toBe('pending');
    setLanguage('fr');
    rows = mselRows(scenario, start);
    expect(rows['3'].when).toBe(`après la réponse «\u00a0${choice.label.fr}\u00a0» au n° 2`);
    expect(rows['99'].when).toBe(`Ukraine\u00a0: confiance < 40\u202f; Influence russe (Est) > 62,5\u202f; ${programme.fr}\u00a0: en cours`);
    setLanguage('en');
  });

  it('once the era is over, an inject that never fired reads "never fired", not "pending" or "held"', () => {
    initI18n('en');
    // The White Cell holds one inject for the whole era: it never fires either.
    const held = String(scenario.injects.find((i) => i.serial !== 99)!.serial);
    const hold = applyMove(scenario, start, { role: 'white', type: 'white.hold', serial: held });
    if (!hold.ok) throw new Error(hold.reason);
    let ex = hold.state;
    while (!ex.finished) {
      const r = applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0]));
      if (!r.ok) throw new Error(r.reason);
      ex = r.state;
    }
    const rows = mselRows(scenario, ex);
    const never = Object.entries(rows).filter(([, r]) => r.state === 'never fired');
    expect(never.length).toBeGreaterThan(0);
    expect(Object.values(rows).some((r) => r.state === 'pending' || r.state === 'held')).toBe(false);
    expect(rows[held].state).toBe('never fired');
  });

  it('offers for an ad hoc deal only the deck\'s cards not dealt yet this era (the engine refuses one dealt already)', () => {
    initI18n('en');
    let ex = start;
    while (!ex.finished && ex.game.fired.filter((f) => f.source === 'event').length === 0) {
      const r = applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0]));
      if (!r.ok) throw new Error(r.reason);
      ex = r.state;
    }
    const fired = ex.game.fired.filter((f) => f.source === 'event').map((f) => f.id);
    expect(fired.length).toBeGreaterThan(0);
    mselRows(scenario, ex);
    const offered = () => [...document.querySelectorAll<HTMLOptionElement>('[data-testid="cx-adhoc-event"] option')].map((o) => o.value);
    expect(offered().length).toBe(scenario.events.length - new Set(fired).size);
    expect(offered().some((id) => fired.includes(id))).toBe(false);
    // Dealt for this year: no longer offered either.
    const next = offered()[0];
    const r = applyMove(scenario, ex, { role: 'white', type: 'white.adhoc', eventId: next });
    if (!r.ok) throw new Error(r.reason);
    mselRows(scenario, r.state);
    expect(offered()).not.toContain(next);
  });
});
