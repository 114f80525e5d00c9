// @vitest-environment jsdom
/**
 * What an exercise screen says when the engine refuses a move (src/game/exercise/widgets.ts,
 * `refusalText`): a proposal a rule of the year refuses is said as the solo board says it,
 * figures included, in English and in French — the engine's own reason is English only —
 * and it is the refusal the engine actually gave, with its figures, not a sentence written
 * here; a red cell's or partner team's move the engine refuses by a named rule is said with
 * the partner's and region's names and the sums; other refusals in French take the sentence
 * for their kind.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The board's texts share a module with its Phaser drawing; none of it is drawn here.
vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));
import { initI18n, setLanguage } from '../../src/i18n/index';
import { refusalText } from '../../src/game/exercise/widgets';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { era } from '../exercise/support';

const scenario = era('era4-after2022');

/** Era 4 at its first planning phase, NATO's staff to propose. */
function planning(): ExerciseState {
  let ex = createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { nato: { held: true }, white: { held: true } } }));
  while (ex.phase !== 'planning') {
    const r = applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0]));
    if (!r.ok) throw new Error(r.reason);
    ex = r.state;
  }
  return ex;
}

beforeAll(async () => {
  await initI18n();
});

describe('an exercise screen\'s refusal', () => {
  it('says an illegal proposal\'s rule with its figures, in English and in French', async () => {
    const ex = planning();
    const refused = applyMove(scenario, ex, { role: 'nato', type: 'nato.propose', decision: { share: 3, policy: 'equal', allocations: [], actions: [] } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    await setLanguage('en');
    expect(refusalText(refused, scenario, ex.game.year)).toMatch(/^The share must be between 1(\.0)? % and 2(\.0)? % \(not 3(\.0)? %\)\.$/);
    await setLanguage('fr');
    const fr = refusalText(refused, scenario, ex.game.year);
    expect(fr).toMatch(/^La part doit être comprise entre 1(,0)?\s% et 2(,0)?\s% \(et non 3(,0)?\s%\)\.$/);
    expect(fr).not.toContain(refused.reason);
  });

  it('says a red cell\'s refused offers by their rule, with names and sums, in English and in French', async () => {
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { nato: { held: true }, 'red:russia': { held: true }, white: { held: true } } }));
    while (ex.phase !== 'signals') ex = (applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0])) as { state: ExerciseState }).state;
    const east = scenario.partners.filter((p) => p.region === 'east' && ex.game.partners[p.id] && !ex.game.partners[p.id].member).map((p) => p.id);
    const budget = scenario.competitors.russia.east;
    const over = applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: [{ partner: east[0], amount: budget, bluff: false }, { partner: east[1], amount: budget, bluff: true }] });
    const twice = applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: [{ partner: east[0], amount: 1, bluff: false }, { partner: east[0], amount: 1, bluff: false }] });
    expect([over.ok, twice.ok]).toEqual([false, false]);
    if (over.ok || twice.ok) return;
    const name = (lang: 'en' | 'fr') => scenario.partners.find((p) => p.id === east[0])!.name[lang];
    await setLanguage('en');
    expect(refusalText(over, scenario, ex.game.year)).toBe(`East: your offers come to €${(2 * budget).toFixed(1)}m, more than 1.4 times the region’s budget allows (€${(1.4 * budget).toFixed(1)}m).`);
    expect(refusalText(twice, scenario, ex.game.year)).toBe(`${name('en')}: one offer a partner.`);
    await setLanguage('fr');
    expect(refusalText(over, scenario, ex.game.year)).toMatch(/^Est\u202f: vos offres totalisent \d+,\d\s?M€, plus que les 1,4 fois le budget de la région ne le permettent \(\d+,\d\s?M€\)\.$/);
    expect(refusalText(twice, scenario, ex.game.year)).toBe(`${name('fr')}\u202f: une seule offre par partenaire.`);
  });

  it('in French, says any other refusal by its kind; in English, gives the engine\'s reason', async () => {
    const r = { code: 'already-acted', reason: 'the Allies are still answering the last proposal' };
    await setLanguage('fr');
    expect(refusalText(r, scenario, 2022)).toBe('Ce rôle a déjà joué ce coup.');
    await setLanguage('en');
    expect(refusalText(r, scenario, 2022)).toBe(r.reason);
  });
});
