/**
 * The solo QA pass on texts, in English and French: an event choice says its consensus
 * cost once and a one-choice card its one key; the debrief names the strategy as its
 * button did and says what its aspirants count counts; the glossary's readiness is the
 * rules' (an average); the era briefing's toolbox does not say an acronym twice and puts a
 * narrow no-break space before ';'; the review's remainder line reads as finished.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage, t, type MessageKey } from '../../src/i18n/index';
import { choiceCostText, choiceKeysText, nameAfterAcronym, readyAspirantsText, strategyName, tr } from '../../src/game/board/text';
import { readiness, STATED_STRATEGIES } from '../../src/core/state';
import { boardEn } from '../../src/i18n/board.en';
import { boardFr } from '../../src/i18n/board.fr';
import { menuEn } from '../../src/i18n/menu.en';
import { menuFr } from '../../src/i18n/menu.fr';
import { shellFr } from '../../src/i18n/shell.fr';

afterAll(() => setLanguage('en'));

describe.each(['en', 'fr'] as const)('in %s', (lang) => {
  const use = () => {
    initI18n(lang);
    setLanguage(lang);
  };

  it('an event choice says its consensus cost once', () => {
    use();
    const written = lang === 'en' ? '−8 consensus; +6 trust in Poland' : '−8 de consensus\u202f; +6 de confiance en Pologne';
    const line = choiceCostText(8, written);
    expect(line.match(/consensus/g)).toHaveLength(1);
    expect(line).toBe(written);
    const costs = lang === 'en' ? 'Costs 12 consensus. The menu becomes active.' : 'Coûte 12 points de consensus. Le menu devient actif.';
    expect(choiceCostText(12, costs)).toBe(costs);
    // Words that do not name it get the rules' cost before them, and a free choice says so.
    expect(choiceCostText(5, lang === 'en' ? '+3 trust' : '+3 de confiance')).toMatch(/^−5 (de )?consensus · /);
    expect(choiceCostText(0, 'x')).toBe(`${tr('eventCard.free')} · x`);
  });

  it('a card with one choice names its one key', () => {
    use();
    expect(choiceKeysText(1)).toBe(lang === 'en' ? '(key 1)' : '(touche 1)');
    expect(choiceKeysText(3)).toBe(lang === 'en' ? '(keys 1–3)' : '(touches 1 à 3)');
  });

  it('the debrief names each strategy as the era briefing’s button did', () => {
    use();
    for (const s of STATED_STRATEGIES) expect(strategyName(s)).toBe(t(`shell.era.strategies.${s}` as MessageKey));
    expect((lang === 'en' ? boardEn : boardFr).debrief).not.toHaveProperty('strategy');
  });

  it('the debrief says what its aspirants count counts', () => {
    use();
    const line = readyAspirantsText(1, 2);
    expect(line).toContain('65');
    expect(line).not.toMatch(lang === 'en' ? /ready or joined/ : /prêts ou membres/);
    expect(tr('board.resolution.ready')).not.toMatch(lang === 'en' ? /or joined/ : /ou membres/);
  });

  it('the glossary’s membership readiness is the rules’ average', () => {
    const text = (lang === 'en' ? menuEn : menuFr).glossary.terms.readiness.text;
    expect(text).toMatch(lang === 'en' ? /average/ : /moyenne/);
    expect(text).not.toMatch(lang === 'en' ? /lowest/ : /plus faible/);
    expect(readiness({ interoperability: 40, institutions: 60, stability: 80, defence: 100 })).toBe(70);
  });

  it('the review’s remainder line reads as finished', () => {
    use();
    expect(tr('board.review.unexplained')).not.toMatch(/not yet|non détaillé|\//);
  });

  it('the score rule says what a ceiling gives below it', () => {
    use();
    expect(tr('debrief.scoreRule')).not.toMatch(/more well under|plus bien en dessous/);
  });
});

describe('the era briefing’s toolbox', () => {
  it('does not say an acronym twice', () => {
    expect(nameAfterAcronym('Conseil de coopération nord-atlantique (COCONA)', 'COCONA')).toBe('Conseil de coopération nord-atlantique');
    expect(nameAfterAcronym('Partenariat pour la paix (PPP)', 'PPP')).toBe('Partenariat pour la paix');
    expect(nameAfterAcronym('Travaux du conseil OTAN-Russie (CCP, puis COR)', 'PJC/NRC')).toBe('Travaux du conseil OTAN-Russie (CCP, puis COR)');
    expect(nameAfterAcronym('Partnership for Peace', 'PfP')).toBe('Partnership for Peace');
  });

  it('puts a narrow no-break space before the semicolon in French', () => {
    initI18n('fr');
    setLanguage('fr');
    expect(t('shell.era.programmeNote' as MessageKey, { years: 'depuis 1994', upkeep: 'entretien 4 %' })).toBe('(depuis 1994\u202f; entretien 4 %)');
  });
});

describe('French wording', () => {
  it('one word for the tutorial, the resume button’s name, the French title, a verb for Next', () => {
    expect(JSON.stringify(shellFr)).not.toMatch(/[Dd]idacticiel|Cooperative Security est/);
    expect(menuFr.menu.quitText).toContain('Reprendre');
    expect(shellFr.shell.title.continue).toBe('Reprendre');
    expect(boardFr.board.briefing.hint).toMatch(/cliquez sur/);
    expect(boardFr.debrief.pressureText).not.toMatch(/surenchérie/);
    expect(boardFr.board.budget.overlap).not.toMatch(/\{\{n\}\} paires/);
  });
});
