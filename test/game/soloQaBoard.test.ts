// @vitest-environment jsdom
/**
 * The solo QA pass on the board (rendered in jsdom from games played through the core;
 * Phaser, which needs a canvas, is stubbed): the partner list's money is this year's once
 * the year has resolved, and money left over by no more than a displayed hundredth is not
 * shown in red (the check accepts it: src/core/decision.ts, ALLOCATION_TOLERANCE).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { BoardView, type BoardHost, type BoardPhase } from '../../src/game/board/BoardView';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { startGame } from '../../src/core/game';
import { resolveTurn } from '../../src/core/resolve';
import { allocateEvenly } from '../../src/core/policies';
import { budgetFacts } from '../../src/core/planning';
import { RULES } from '../../src/core/rules';
import { validateDecision } from '../../src/core/decision';
import type { GameState, TurnDecision } from '../../src/core/state';
import { miniScenario } from '../support/builder';

const scenario = miniScenario();

function board(phase: BoardPhase, game: GameState, draft: TurnDecision | null): HTMLElement {
  const host: BoardHost = { send: () => ({ ok: true }) as never, scenario: () => scenario, onSelect: () => undefined };
  const view = new BoardView(host);
  view.render({ phase, game, draft, rejection: null });
  return view.root;
}

const text = (root: HTMLElement, selector: string) => root.querySelector(selector)?.textContent ?? '';

afterAll(() => setLanguage('en'));

describe('the partner list says whose year its money is', () => {
  initI18n('en');
  setLanguage('en');
  const start = startGame(scenario, 1);
  const decision: TurnDecision = { share: RULES.shareMin, policy: 'equal', allocations: allocateEvenly(scenario, start, RULES.shareMin), actions: [] };

  it('this year while planning, and once the year has resolved', () => {
    expect(text(board('planning', start, decision), '[data-testid="partner-money-when"]')).toBe('this year');
    const resolved = resolveTurn(scenario, start, decision);
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(resolved.state.year).toBe(start.year);
    expect(text(board('resolution', resolved.state, null), '[data-testid="partner-money-when"]')).toBe('this year');
  });

  it('last year in the next year’s briefing', () => {
    const resolved = resolveTurn(scenario, start, decision);
    if (!resolved.ok) throw new Error(resolved.reason);
    const next = { ...resolved.state, year: resolved.state.year + 1 };
    expect(text(board('briefing', next, null), '[data-testid="partner-money-when"]')).toBe('last year');
  });
});

describe('money left', () => {
  initI18n('en');
  setLanguage('en');
  const start = startGame(scenario, 1);
  const even = allocateEvenly(scenario, start, RULES.shareMin);
  // `extra` past the money left: the even spread leaves a crumb, which the first line takes up first.
  const crumb = budgetFacts(scenario, start, { share: RULES.shareMin, allocations: even }, null).left;
  const plan = (extra: number): TurnDecision => ({ share: RULES.shareMin, policy: 'equal', allocations: even.map((l, i) => (i === 0 ? { ...l, amount: l.amount + crumb + extra } : l)), actions: [] });

  it('over by a rounding a field can hide is not red (the plan is accepted)', () => {
    expect(validateDecision(scenario, start, plan(0.0001)).ok).toBe(true);
    const left = board('planning', start, plan(0.0001)).querySelector('[data-testid="money-left"]')!;
    expect(left.className).toContain('cs-tone-good');
    expect(left.textContent).not.toMatch(/−|-/);
  });

  it('over by more is red', () => {
    const left = board('planning', start, plan(0.02)).querySelector('[data-testid="money-left"]')!;
    expect(left.className).toContain('cs-tone-bad');
  });
});

describe('the actions of a year once it is resolved', () => {
  initI18n('en');
  setLanguage('en');
  const start = startGame(scenario, 1);
  const partner = scenario.partners.find((p) => start.partners[p.id] && !start.partners[p.id].member)!.id;
  const decision: TurnDecision = { share: RULES.shareMin, policy: 'equal', allocations: allocateEvenly(scenario, start, RULES.shareMin), actions: [{ type: 'gapAnalysis', partner }] };

  it('lists what the year took (it said no action was planned, after a gap analysis was)', () => {
    expect(validateDecision(scenario, start, decision).ok).toBe(true);
    const resolved = resolveTurn(scenario, start, decision);
    if (!resolved.ok) throw new Error(resolved.reason);
    const root = board('resolution', resolved.state, null);
    expect(root.querySelector('[data-testid="action-0"]')?.textContent).toContain('Gap analysis');
  });

  it('says no action was taken when the year took none', () => {
    const resolved = resolveTurn(scenario, start, { ...decision, actions: [] });
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(board('resolution', resolved.state, null).textContent).toContain('No action taken this year.');
  });
});

describe("the envelope's help line", () => {
  initI18n('en');
  setLanguage('en');
  const start = startGame(scenario, 1);
  const common = scenario.budget.common[String(start.year)];

  it("gives NATO's common-funded budget as the scenario sources it, and an event's cost to the envelope apart", () => {
    const plain = text(board('planning', start, null), '[data-testid="envelope-help"]');
    expect(plain).not.toContain('events');
    const cut = { ...start, budgetFactor: 0.975 };
    const help = text(board('planning', cut, null), '[data-testid="envelope-help"]');
    // The budget figure is the scenario's (it read 97.5 % of it), the cut said apart.
    expect(help).toContain(text(board('planning', start, null), '[data-testid="envelope-help"]').match(/\(([^)]+)\)/)![1]);
    expect(help).toMatch(/the year’s events change the envelope by −2\.5\s?%/);
    expect(common).toBeGreaterThan(0);
  });
});
