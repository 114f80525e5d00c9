/**
 * The era's grade (issue 14.4; rule in README "How an era is scored"): a band read from
 * `scoreEra`'s per-objective results, so that the number out of 100 can never hide missing the
 * targets. The score alone rewards partial progress (an objective at 80 % of its target still
 * brings 80 % of its weight), which is why a player who met nothing could read "84.6"; the band
 * is set first by how much of the objectives' weight was actually met, and only then by score.
 *
 * Rule, in order (first that applies):
 *   - A  "Outstanding": every objective met and score ≥ 100.
 *   - B  "Successful": objectives carrying ≥ 2/3 of the weight met.
 *   - C  "Mixed": objectives carrying ≥ 1/3 of the weight met.
 *   - D  "Short of the goals": some objective met, or none met but score ≥ 75 (close on most).
 *   - E  "Failed": no objective met and score < 75.
 * Pure: no Phaser, no DOM.
 */
import type { EraScore, ObjectiveScore } from './score';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface GradeResult {
  grade: Grade;
  /** Objectives met / all objectives. */
  met: number;
  total: number;
  /** Share (0–1) of the objectives' weight that was met. */
  metWeight: number;
}

/** An objective is met when its value reaches its target (at or below it when lower is better). */
export function objectiveMet(o: Pick<ObjectiveScore, 'value' | 'target' | 'lowerIsBetter'>): boolean {
  return o.lowerIsBetter ? o.value <= o.target : o.value >= o.target;
}

/** Thresholds of the rule above, exported so the debrief and README state the same numbers. */
export const GRADE_RULE = { successful: 2 / 3, mixed: 1 / 3, nearMiss: 75, outstanding: 100 } as const;

export function gradeEra(score: EraScore): GradeResult {
  const total = score.objectives.length;
  const weightAll = score.objectives.reduce((s, o) => s + o.weight, 0);
  const metList = score.objectives.filter(objectiveMet);
  const met = metList.length;
  const metWeight = weightAll > 0 ? metList.reduce((s, o) => s + o.weight, 0) / weightAll : 0;
  let grade: Grade;
  if (total > 0 && met === total && score.score >= GRADE_RULE.outstanding) grade = 'A';
  else if (total > 0 && metWeight >= GRADE_RULE.successful - 1e-9) grade = 'B';
  else if (total > 0 && metWeight >= GRADE_RULE.mixed - 1e-9) grade = 'C';
  else if (met > 0 || score.score >= GRADE_RULE.nearMiss) grade = 'D';
  else grade = 'E';
  return { grade, met, total, metWeight };
}

/**
 * How many decimals show an objective's value truthfully beside its target: `base`, or more
 * when rounding would make a value that misses its target read as reaching it (49.98 against
 * 50 shows as 49.98, not 50.0). At most three.
 */
export function valueDigits(o: Pick<ObjectiveScore, 'value' | 'target' | 'lowerIsBetter'>, base = 1): number {
  const met = objectiveMet(o);
  let digits = base;
  const looksMet = (d: number) => objectiveMet({ ...o, value: Number(o.value.toFixed(d)) });
  while (!met && digits < 3 && looksMet(digits)) digits++;
  return digits;
}

/** Decimals for an objective's value on screen: none for a count, else `valueDigits`. */
export const shownDigits = (o: Pick<ObjectiveScore, 'value' | 'target' | 'lowerIsBetter'>): number => (Number.isInteger(o.value) ? 0 : valueDigits(o));
