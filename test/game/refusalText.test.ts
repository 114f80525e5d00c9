// @vitest-environment jsdom
/**
 * What an exercise screen says when the engine refuses a move (src/game/exercise/widgets.ts,
 * `refusalText`): a proposal a rule of the year refuses is said as the solo board says it,
 * figures included, in English and in French — the engine's own reason is English only —
 * and it is the refusal the engine actually gave, with its figures, not a sentence written
 * here; other refusals in French take the sentence for their kind.
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

  it('in French, says any other refusal by its kind; in English, gives the engine\'s reason', async () => {
    const r = { code: 'already-acted', reason: 'the Allies are still answering the last proposal' };
    await setLanguage('fr');
    expect(refusalText(r, scenario, 2022)).toBe('Ce rôle a déjà joué ce coup.');
    await setLanguage('en');
    expect(refusalText(r, scenario, 2022)).toBe(r.reason);
  });
});
