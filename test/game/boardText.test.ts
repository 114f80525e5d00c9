/**
 * Board texts that carry the rules' numbers: the share's rejection and the tutorial's share
 * step read their bounds from `RULES` and `SHARE_STEP`, in the EN and FR number formats.
 */
import { describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { boardEn } from '../../src/i18n/board.en';
import { boardFr } from '../../src/i18n/board.fr';
import { causeText, driverMetricText, money, rejectionText, shareBounds, tr } from '../../src/game/board/text';
import { playTurn, startGame } from '../../src/core/game';
import { RULES } from '../../src/core/rules';
import type { Rejection } from '../../src/core/decision';
import { miniScenario } from '../support/builder';

const scenario = miniScenario();

function shareRejection(share: number): Rejection {
  const result = playTurn(scenario, startGame(scenario, 1), { share, policy: 'equal', allocations: [], actions: [] });
  if (result.ok) throw new Error('a share out of range was accepted');
  return result as Rejection;
}

describe('share texts read the rules', () => {
  it('hold no literal bounds in either language', () => {
    for (const bundle of [boardEn, boardFr]) {
      expect(bundle.board.rejection['share-range']).toMatch(/\{\{min\}\}.*\{\{max\}\}.*\{\{share\}\}/);
      expect(bundle.board.rejection['share-range']).not.toMatch(/[12][.,]0/);
      expect(bundle.tutorial.share.text).toMatch(/\{\{min\}\}.*\{\{max\}\}.*\{\{step\}\}/);
    }
  });

  it.each([
    ['en', 'The share must be between 1.0 % and 2.0 % (not 2.5 %).', 'You may ask the Allies for 1.0 to 2.0 % of the budget. Each extra 0.1 point'],
    ['fr', 'La part doit être comprise entre 1,0\u00a0% et 2,0\u00a0% (et non 2,5\u00a0%).', 'Vous pouvez demander aux Alliés de 1,0 à 2,0\u00a0% du budget. Chaque 0,1 point'],
  ] as const)('fills them in from RULES (%s)', (lang, rejection, tutorial) => {
    initI18n(lang);
    setLanguage(lang);
    const r = shareRejection(2.5);
    expect(r.code).toBe('share-range');
    // French puts a no-break space (of either width) before %: compared as plain spaces.
    const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(spaces(rejectionText(scenario, r, scenario.start))).toBe(spaces(rejection));
    expect(spaces(tr('tutorial.share.text', shareBounds()))).toContain(spaces(tutorial));
  });

  it('follows RULES when the bounds change', () => {
    initI18n('en');
    setLanguage('en');
    const { shareMin, shareMax } = RULES;
    try {
      (RULES as { shareMin: number }).shareMin = 0.5;
      (RULES as { shareMax: number }).shareMax = 3;
      expect(rejectionText(scenario, shareRejection(3.5), scenario.start)).toBe('The share must be between 0.5 % and 3.0 % (not 3.5 %).');
    } finally {
      (RULES as { shareMin: number }).shareMin = shareMin;
      (RULES as { shareMax: number }).shareMax = shareMax;
    }
  });
});

describe('money as the board prints it', () => {
  it('prints a rounding crumb as zero, never "-0.00", in both languages', async () => {
    await initI18n();
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      expect(money(-0.000001, 2)).toBe(lang === 'en' ? '€0.00m' : '0,00\u00a0M€');
      expect(money(-0.004, 2)).toBe(money(0, 2));
      expect(money(-0.006, 2)).toBe(lang === 'en' ? '€-0.01m' : '-0,01\u00a0M€');
    }
    await setLanguage('en');
  });
});

describe('a year review in words (the role screens and the board)', () => {
  it('names what moved and why, never an engine id, in both languages', async () => {
    await initI18n();
    const partner = scenario.partners[0];
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang);
      const name = lang === 'en' ? partner.name.en : partner.name.fr;
      expect(driverMetricText(scenario, 'stabilityEast', scenario.start)).toBe(tr('board.metric.stabilityEast'));
      expect(driverMetricText(scenario, `trust:${partner.id}`, scenario.start)).toBe(`${name} — ${tr('board.card.trust')}`);
      expect(driverMetricText(scenario, 'influence:russia:south', scenario.start)).toBe(`${tr('board.metric.russia')} — ${tr('board.region.south')}`);
      // A White Cell ruling on a region names the region as players read it.
      expect(causeText(scenario, { metric: 'stabilitySouth', delta: 1, cause: 'adjudication', subject: 'south' }, scenario.start)).toBe(`${tr('board.cause.adjudication')} (${tr('board.region.south')})`);
      expect(causeText(scenario, { metric: `trust:${partner.id}`, delta: 1, cause: 'funding', subject: partner.id }, scenario.start)).toBe(`${tr('board.cause.funding')} (${name})`);
    }
    await setLanguage('en');
  });

  it('an excess of a few thousand euros reads as one: the two amounts never print alike', async () => {
    await initI18n('en');
    await setLanguage('en');
    const text = rejectionText(scenario, { ok: false, code: 'over-envelope', field: 'allocation', reason: '', params: { allocated: 23.594, available: 23.59 } } as Rejection, scenario.start);
    expect(text).toBe('Allocations of €23.594m exceed the €23.59m left after upkeep.');
  });
});
