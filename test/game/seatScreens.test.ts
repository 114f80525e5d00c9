// @vitest-environment jsdom
/**
 * Seat screens as the engine judges them. A red cell's signals survive a refusal (docs/exercise.md): what the cell typed and ticked
 * stays in its form when the engine refuses the send (more offers in a region than the rules
 * allow), instead of the form going back to the draft it started from — where a second send
 * would have made offers and bluffs the cell never chose. Rendered in jsdom from the
 * engine's own view, the send going through the engine (Phaser is stubbed). And a capital's
 * red line on its screen binds as the engine judges it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { natoScreen, redScreen, type ScreenContext } from '../../src/game/exercise/roleScreens';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import type { Move } from '../../src/exercise/types';
import { era, standInsUntil } from '../exercise/support';
import { engineContext } from '../support/screens';

const scenario = era('era1-enlargement');

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

describe("the red cell's signals form", () => {
  it('keeps what the cell typed and ticked when a send is refused, and forgets it once one is taken', () => {
    let ex: ExerciseState = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { 'red:russia': { held: true }, nato: { held: true } } }));
    ex = standInsUntil(scenario, ex, (e) => e.phase === 'signals' && waitingFor(scenario, e).includes('red:russia'));
    expect(ex.phase).toBe('signals');
    const sent: Move[] = [];
    const memo: Record<string, unknown> = {};
    const ctx = engineContext(scenario, () => ex, (next) => (ex = next), sent, memo);
    const draw = () => {
      document.body.replaceChildren(...redScreen(ctx(), viewFor(scenario, ex, 'red:russia')));
    };
    draw();
    const fields = [...document.querySelectorAll<HTMLInputElement>('[data-testid^="cx-signal-"]')];
    const east = fields.map((f) => f.dataset.testid!.slice('cx-signal-'.length)).filter((id) => scenario.partners.find((p) => p.id === id)?.region === 'east');
    expect(east.length).toBeGreaterThanOrEqual(4);
    // Four offers in one region: more than the rules allow.
    const type = (id: string, text: string) => {
      const f = document.querySelector<HTMLInputElement>(`[data-testid="cx-signal-${id}"]`)!;
      f.value = text;
      f.dispatchEvent(new Event('input'));
    };
    for (const id of east) type(id, '0');
    east.slice(0, 4).forEach((id, i) => type(id, `${i + 1},25`));
    const bluff = document.querySelector<HTMLInputElement>(`[data-testid="cx-bluff-${east[1]}"]`)!;
    const others = east.filter((id) => id !== east[1]).map((id) => document.querySelector<HTMLInputElement>(`[data-testid="cx-bluff-${id}"]`)!);
    for (const b of others) if (b.checked) {
      b.checked = false;
      b.dispatchEvent(new Event('change'));
    }
    bluff.checked = true;
    bluff.dispatchEvent(new Event('change'));
    document.querySelector<HTMLButtonElement>('[data-testid="cx-send-signals"]')!.click();
    expect(sent.length).toBe(1);
    expect(ex.phase === 'signals' && waitingFor(scenario, ex).includes('red:russia')).toBe(true);
    // Drawn again after the refusal: the cell's own figures and bluffs, not the draft's.
    draw();
    expect(east.slice(0, 4).map((id) => document.querySelector<HTMLInputElement>(`[data-testid="cx-signal-${id}"]`)!.value)).toEqual(['1,25', '2,25', '3,25', '4,25']);
    expect(east.map((id) => document.querySelector<HTMLInputElement>(`[data-testid="cx-bluff-${id}"]`)!.checked)).toEqual(east.map((id) => id === east[1]));
    // Three offers are within the rules: taken, and the kept draft goes with it.
    type(east[3], '0');
    document.querySelector<HTMLButtonElement>('[data-testid="cx-send-signals"]')!.click();
    expect(sent.length).toBe(2);
    expect(memo.redSignals).toBeUndefined();
  });
});

describe("a capital's red line on its screen", () => {
  it('binds as the engine judges it: a partner not yet in any framework that year is no red line, and not listed as getting nothing', async () => {
    const { allyScreen } = await import('../../src/game/exercise/roleScreens');
    const { redLineBreach } = await import('../../src/exercise/consensus');
    // Era 1's Southern Allies want Morocco funded; Morocco joins the Mediterranean Dialogue in 1995.
    const ally = 'ally:southern-flank';
    const line = scenario.allies.find((a) => a.id === 'southern-flank')!.priorities!.redLine;
    expect(line).toMatchObject({ kind: 'partnerFunded', partner: 'MAR' });
    let ex: ExerciseState = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { [ally]: { held: true }, nato: { held: true } } }));
    ex = standInsUntil(scenario, ex, (e) => e.phase === 'planning' && waitingFor(scenario, e).includes(ally));
    expect(ex.game.year).toBe(1994);
    const proposal = ex.turn.proposals[ex.turn.proposals.length - 1];
    expect(redLineBreach(scenario, ex.game, proposal.decision, line)).toBeNull();
    const ctx = { client: null as never, scenario, readonly: false, memo: {}, rerender: () => undefined, send: () => ({ ok: true }) } as unknown as ScreenContext;
    document.body.replaceChildren(...allyScreen(ctx, viewFor(scenario, ex, ally)));
    const text = document.body.textContent ?? '';
    expect(text).not.toContain('crosses your red line');
    expect(text).not.toContain('Morocco gets');
  });
});

describe("a partner team's screen", () => {
  it('shows the self-financing offer the engine took beside the demand, so the team sees it was registered', async () => {
    const { partnerScreen } = await import('../../src/game/exercise/roleScreens');
    const era4 = era('era4-after2022');
    const team = `partner:${era4.partnerTeams[0].id}` as const;
    let ex: ExerciseState = createExercise(era4, defaultSetup(era4, { seed: 3, seats: { [team]: { held: true }, nato: { held: true } } }));
    ex = standInsUntil(era4, ex, (e) => e.phase === 'signals' && waitingFor(era4, e).includes(team));
    const view = viewFor(era4, ex, team);
    const partner = view.own.kind === 'partner' ? view.own.partners.find((p) => view.partners.some((v) => v.id === p && !v.member))! : '';
    const offered = applyMove(era4, ex, { role: team, type: 'partner.selfFinance', partner, share: 0.2 });
    if (!offered.ok) throw new Error(offered.reason);
    const ctx = { client: null as never, scenario: era4, readonly: false, memo: {}, rerender: () => undefined, send: () => ({ ok: true }) } as unknown as ScreenContext;
    document.body.replaceChildren(...partnerScreen(ctx, viewFor(era4, offered.state, team)));
    expect(document.querySelector('[data-testid="cx-partner-demands"]')!.textContent).toContain('pays 20 % itself');
  });
});

describe('what a seat is told while others decide', () => {
  it("tells the red cell that the offers on its screen before the signals are the engine's draw, not yet sent", () => {
    const ex = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { 'red:russia': { held: true }, nato: { held: true } } }));
    expect(ex.phase).toBe('briefing');
    const ctx = engineContext(scenario, () => ex, () => undefined, [], {});
    document.body.replaceChildren(...redScreen(ctx(), viewFor(scenario, ex, 'red:russia')));
    expect(document.querySelector('[data-testid="cx-signals-drawn"]')!.textContent).toBe('Offers drawn for your cell this year, not sent yet: you confirm or change them in the signals phase.');
  });

  it("tells NATO's staff, during a deadlock, that the White Cell decides", () => {
    const ally = 'ally:southern-flank' as const;
    const seats = { nato: { held: true }, [ally]: { held: true }, white: { held: true } };
    let ex = standInsUntil(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 3, seats, consensus: 'vote', rounds: 1, deadlock: 'white' })), (e) => e.phase === 'planning' && e.turn.proposals.length > 0 && waitingFor(scenario, e).includes(ally));
    const r = applyMove(scenario, ex, { role: ally, type: 'ally.object', reason: 'Not this plan' });
    if (!r.ok) throw new Error(r.reason);
    ex = r.state;
    expect(waitingFor(scenario, ex)).toEqual(['white']);
    const ctx = engineContext(scenario, () => ex, () => undefined, [], {});
    document.body.replaceChildren(...natoScreen(ctx(), viewFor(scenario, ex, 'nato')));
    expect(document.querySelector('[data-testid="cx-deadlock-wait"]')!.textContent).toMatch(/^The capitals objected through every round: the White Cell now decides/);
  });
});
