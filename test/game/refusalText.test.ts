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
import { refusalText, serverRefusalText } from '../../src/game/exercise/widgets';
import { ClassroomError } from '../../src/net/client';
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

  it('says the classroom server\'s refusals and silence in the page\'s language, naming the seat by its label; a refusal without a code keeps the server\'s sentence', async () => {
    const ally = `ally:${scenario.allies[0].id}`;
    const label = scenario.allies[0].name;
    await setLanguage('fr');
    const silent = serverRefusalText(new ClassroomError('the classroom server at http://x does not answer (Failed to fetch)', 0, 'unreachable'));
    expect(silent).toMatch(/^Le serveur de la salle ne répond pas/);
    expect(silent).not.toMatch(/Failed to fetch|refusé/);
    expect(serverRefusalText(new ClassroomError(`${ally} has no holder`, 404, 'no-holder', { role: ally }), scenario)).toBe(`Le siège de ${label.fr} était déjà libre (libéré depuis une autre fenêtre\u202f?).`);
    expect(serverRefusalText(new ClassroomError('scenarioFile: another scenario', 409, 'scenario-id-taken', { id: 'era5-blacksea' }))).toContain('«\u00a0era5-blacksea\u00a0»');
    expect(serverRefusalText(new ClassroomError('graine', 400, 'not-comparable', { reason: 'A a joué la graine 1, B la graine 2' }))).toBe('A a joué la graine 1, B la graine 2');
    expect(serverRefusalText(new ClassroomError('full', 503, 'server-full', { max: '200' }))).toMatch(/^Le serveur de la salle est à sa limite d’exercices ouverts \(200\)\u202f: clôturez les exercices terminés/);
    expect(serverRefusalText(new ClassroomError('closed', 410, 'exercise-closed'))).toBe('L’animateur a clos cet exercice\u202f: aucun siège ne l’ouvre plus. Demandez le code du suivant.');
    expect(serverRefusalText(new ClassroomError('held: no role "x" in era4', 400))).toBe('Le serveur de la salle a refusé\u202f: held: no role "x" in era4');
    await setLanguage('en');
    expect(serverRefusalText(new ClassroomError('x', 0, 'unreachable'))).toMatch(/^The classroom server does not answer: check that it is still running/);
    expect(serverRefusalText(new ClassroomError('x', 404, 'no-holder', { role: ally }), scenario)).toBe(`The seat of ${label.en} was free already (released from another window?).`);
  });
});
