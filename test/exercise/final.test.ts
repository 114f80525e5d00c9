/**
 * The era's result in every view at the end of an exercise (docs/facilitator-guide.md,
 * "When the era ends"): absent while the era runs, then the same score and grade for every
 * seat, the projector and the White Cell, equal to the solo debrief's rule and to the AAR.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { scoreEra } from '../../src/core/score';
import { gradeEra, valueDigits } from '../../src/core/grade';
import { aarHtml } from '../../src/exercise/aarHtml';
import { createExercise, defaultSetup, recordOf } from '../../src/exercise/engine';
import { newViewMemo, viewFor, viewsFor } from '../../src/exercise/views';
import { scenarioRoles } from '../../src/exercise/roles';
import { buildAar } from '../../src/exercise/aar';
import { drive, era, eras } from './support';

describe('the era’s result in the views', () => {
  for (const s of eras) {
    it(`${s.id}: no result while the era runs; at its end every role reads the same score and grade as the debrief and the AAR`, () => {
      const setup = defaultSetup(s, { seed: 11, seats: Object.fromEntries(scenarioRoles(s).map((r) => [r, { held: true }])) });
      const roles = scenarioRoles(s);
      const memo = newViewMemo();
      const midway = drive(s, createExercise(s, setup), new Rng(3), s.start + 1).state;
      expect(midway.finished).toBe(false);
      for (const v of viewsFor(s, midway, roles, memo)) expect(v.final, v.role).toBeNull();

      const end = drive(s, midway, new Rng(4)).state;
      expect(end.finished).toBe(true);
      const score = scoreEra(s, end.game);
      const grade = gradeEra(score);
      const views = viewsFor(s, end, roles, memo);
      for (const v of views) {
        expect(v.final, v.role).not.toBeNull();
        expect(v.final!.score).toBe(score.score);
        expect(v.final!.grade).toBe(grade.grade);
        expect(v.final!.met).toBe(grade.met);
        expect(v.final!.objectives.map((o) => o.id)).toEqual(s.objectives.map((o) => o.id));
        // Built without a memo, a view holds the same result.
        expect(viewFor(s, end, v.role).final).toEqual(v.final);
      }
      const aar = buildAar(s, recordOf(end), { seeds: 0, lang: 'fr' });
      expect(aar.score.score).toBe(score.score);
      // The report gives the grade too, with the rule that reads it, in the report's language.
      expect(aar.grade).toEqual(grade);
      expect(aarHtml(aar, 'fr')).toContain(`note ${grade.grade}, `);
    });
  }

  it('a rewind after the end takes the result away again', async () => {
    const s = era('era1-enlargement');
    const { applyMove } = await import('../../src/exercise/engine');
    const setup = defaultSetup(s, { seed: 5, seats: { white: { held: true } } });
    const end = drive(s, createExercise(s, setup), new Rng(9)).state;
    expect(viewFor(s, end, 'observer').final).not.toBeNull();
    const back = applyMove(s, end, { role: 'white', type: 'white.rewind', toYear: s.start + 1, rationale: 'play the second year again' }, 0);
    expect(back.ok).toBe(true);
    if (back.ok) expect(viewFor(s, back.state, 'observer').final).toBeNull();
  });
});

describe('an objective\'s value beside its target', () => {
  it('shows enough decimals that a miss never reads as reaching the target', () => {
    expect(valueDigits({ value: 49.98, target: 50, lowerIsBetter: false })).toBe(2);
    expect(valueDigits({ value: 49.9996, target: 50, lowerIsBetter: false })).toBe(3);
    expect(valueDigits({ value: 35.02, target: 35, lowerIsBetter: true })).toBe(2);
    expect(valueDigits({ value: 47.3, target: 50, lowerIsBetter: false })).toBe(1);
    // A value that meets its target keeps one decimal, even when rounding moves it.
    expect(valueDigits({ value: 50.04, target: 50, lowerIsBetter: false })).toBe(1);
  });
});
