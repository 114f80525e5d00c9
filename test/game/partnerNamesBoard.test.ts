// @vitest-environment jsdom
/**
 * The solo board names a renamed partner as it was called in the game's year (README.md,
 * "Partner names over time"): era 3's MKD is "Macedonia (FYROM)" / "Macédoine (ERYM)" on
 * the board in 2011 and "North Macedonia" / "Macédoine du Nord" from 2019, in the partner
 * list, the partner card, the action list and a review's causes. The board is rendered in
 * jsdom from a game played by the bot through the core (Phaser, which needs a canvas, is
 * stubbed: the board's panels are plain DOM).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { BoardView, type BoardHost } from '../../src/game/board/BoardView';
import { causeText, partnerName } from '../../src/game/board/text';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { playTurn, startGame } from '../../src/core/game';
import { botMove, policyRng } from '../../src/core/policies';
import type { GameState } from '../../src/core/state';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import type { Scenario } from '../../src/core/scenario';

function era3(): Scenario {
  const file = scenarioFiles().find((f) => f.endsWith('era3-global.json'))!;
  const r = loadScenarioFile(file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}
const scenario = era3();

/** The bot's game, played through the core up to `year`'s briefing. */
function gameIn(year: number): GameState {
  let game = startGame(scenario, 3);
  const rng = policyRng(3);
  while (game.year < year) {
    const r = playTurn(scenario, game, botMove('equal', scenario, game, rng).decision);
    if (!r.ok) throw new Error(r.reason);
    game = r.state;
  }
  return game;
}

function board(game: GameState): HTMLElement {
  const host: BoardHost = { send: () => ({ ok: true }) as never, scenario: () => scenario, onSelect: () => undefined };
  const view = new BoardView(host);
  const draft = botMove('equal', scenario, game, policyRng(1)).decision;
  draft.actions = [{ type: 'gapAnalysis', partner: 'MKD' }];
  view.render({ phase: 'planning', game, draft, rejection: null });
  view.select('MKD');
  return view.root;
}

const text = (root: HTMLElement, selector: string) => root.querySelector(selector)?.textContent ?? '';

afterAll(() => setLanguage('en'));

describe('the solo board names MKD as it was called in the year shown', () => {
  const early = gameIn(2011);
  const late = gameIn(2019);

  it.each([
    ['fr', 'Macédoine (ERYM)', 'Macédoine du Nord'],
    ['en', 'Macedonia (FYROM)', 'North Macedonia'],
  ] as const)('in %s: the partner list, the card and the planned actions', (lang, before, after) => {
    initI18n(lang);
    setLanguage(lang);
    expect(early.year).toBe(2011);
    expect(late.year).toBe(2019);
    const r2011 = board(early);
    expect(text(r2011, '[data-testid="partner-MKD"] .cs-pname')).toBe(before);
    expect(text(r2011, '.cs-card-title')).toBe(before);
    expect(r2011.textContent).not.toContain(after);
    const r2019 = board(late);
    expect(text(r2019, '[data-testid="partner-MKD"] .cs-pname')).toBe(after);
    expect(text(r2019, '.cs-card-title')).toBe(after);
    expect(r2019.textContent).toContain(`: ${after}`); // the planned gap analysis of MKD
    expect(r2019.textContent).not.toContain(before);
  });

  it('in French, a review cause and a rejection name the partner of that year', () => {
    initI18n('fr');
    setLanguage('fr');
    const driver = { metric: 'trust:MKD', delta: 1, cause: 'funding', subject: 'MKD' } as const;
    expect(causeText(scenario, driver, 2018)).toContain('(Macédoine (ERYM))');
    expect(causeText(scenario, driver, 2019)).toContain('(Macédoine du Nord)');
    expect(partnerName(scenario, 'MKD', 2018)).toBe('Macédoine (ERYM)');
    expect(partnerName(scenario, 'GEO', 2018)).toBe('Géorgie');
  });
});
