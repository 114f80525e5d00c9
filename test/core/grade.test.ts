/** The era's grade from its objectives (src/core/grade.ts): a table of cases, one per band and edge. */
import { describe, expect, it } from 'vitest';
import { gradeEra, objectiveMet, type Grade } from '../../src/core/grade';
import type { EraScore, ObjectiveScore } from '../../src/core/score';

/** An objective: [value, target, weight, lowerIsBetter?]. */
type Row = [number, number, number, boolean?];
const era = (score: number, rows: Row[]): EraScore => ({
  score,
  objectives: rows.map(([value, target, weight, lowerIsBetter = false], i): ObjectiveScore => ({
    id: `o${i}`, label: { en: `o${i}`, fr: `o${i}` } as ObjectiveScore['label'], value, target, weight, lowerIsBetter, attainment: 0,
  })),
});

const CASES: { name: string; score: EraScore; grade: Grade; met: number }[] = [
  { name: 'every target missed with a high score (the 84.6 of issue 14)', score: era(84.6, [[50, 60, 0.4], [4, 5, 0.3], [60, 35, 0.3, true]]), grade: 'D', met: 0 },
  { name: 'every target missed, far off', score: era(40, [[20, 60, 0.5], [1, 5, 0.5]]), grade: 'E', met: 0 },
  { name: 'every target missed just below the near-miss line', score: era(74.9, [[59, 60, 1]]), grade: 'E', met: 0 },
  { name: 'one light objective met', score: era(70, [[70, 60, 0.2], [1, 5, 0.8]]), grade: 'D', met: 1 },
  { name: 'a third of the weight met', score: era(80, [[70, 60, 1 / 3], [1, 5, 2 / 3]]), grade: 'C', met: 1 },
  { name: 'two thirds of the weight met', score: era(90, [[70, 60, 1 / 3], [5, 5, 1 / 3], [50, 35, 1 / 3, true]]), grade: 'B', met: 2 },
  { name: 'lower-is-better met exactly at target', score: era(95, [[35, 35, 0.7, true], [1, 5, 0.3]]), grade: 'B', met: 1 },
  { name: 'all met but score under 100', score: era(99.5, [[60, 60, 0.5], [5, 5, 0.5]]), grade: 'B', met: 2 },
  { name: 'all met and beaten', score: era(112, [[80, 60, 0.5], [20, 35, 0.5, true]]), grade: 'A', met: 2 },
  { name: 'no objectives at all', score: era(0, []), grade: 'E', met: 0 },
];

describe('gradeEra', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const g = gradeEra(c.score);
      expect(g.grade).toBe(c.grade);
      expect(g.met).toBe(c.met);
      expect(g.total).toBe(c.score.objectives.length);
    });
  }
  it('missing every target never grades above D, whatever the score', () => {
    for (const score of [0, 50, 75, 90, 99.9, 125]) expect(['D', 'E']).toContain(gradeEra(era(score, [[59, 60, 0.5], [36, 35, 0.5, true]])).grade);
  });
  it('objectiveMet reads the direction', () => {
    expect(objectiveMet({ value: 35, target: 35, lowerIsBetter: true })).toBe(true);
    expect(objectiveMet({ value: 35.1, target: 35, lowerIsBetter: true })).toBe(false);
    expect(objectiveMet({ value: 59.9, target: 60, lowerIsBetter: false })).toBe(false);
  });
});
