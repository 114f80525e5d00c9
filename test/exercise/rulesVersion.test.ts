/**
 * The rules version of an exercise record (docs/rules.md, "Older records"): a record keeps
 * the version of the rules it was played under; replayed under others — a record from before
 * versions were kept counts as version 1 — the after-action report, the plenary comparison
 * and the exercise CLI say its years may differ from those the room played. A malformed
 * version is refused with the field named.
 */
import { describe, expect, it } from 'vitest';
import { buildAar } from '../../src/exercise/aar';
import { aarHtml } from '../../src/exercise/aarHtml';
import { compare } from '../../src/exercise/compare';
import { createExercise, defaultSetup, recordOf, applyMove, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { parseRecord, rulesChanged } from '../../src/exercise/moves';
import { standInMove } from '../../src/exercise/standIn';
import { RULES_VERSION } from '../../src/core/rules';
import { era } from './support';

const scenario = era('era1-enlargement');

function played(seed: number, untilYear: number): ExerciseState {
  let ex = createExercise(scenario, defaultSetup(scenario, { seed, seats: { nato: { held: true }, white: { held: true } } }));
  for (let i = 0; i < 2000 && !ex.finished && ex.game.year <= untilYear; i++) {
    const r = applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0]));
    if (!r.ok) throw new Error(r.reason);
    ex = r.state;
  }
  return ex;
}

describe('the rules version of an exercise record', () => {
  const record = recordOf(played(5, 1996));

  it('is kept in every record, and a record of this build replays without a word', () => {
    expect(record.rules).toBe(RULES_VERSION);
    expect(rulesChanged(record)).toBeNull();
    expect(buildAar(scenario, record, { seeds: 0 }).rules).toBeNull();
    expect(aarHtml(buildAar(scenario, record, { seeds: 0 }))).not.toContain('data-testid="aar-rules"');
  });

  it('an older record (no version) is replayed with a notice in the report and the comparison, in English and French', () => {
    const { rules: _kept, ...older } = record;
    const parsed = parseRecord(JSON.parse(JSON.stringify(older)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(rulesChanged(parsed.record)).toEqual({ recorded: 1, current: RULES_VERSION });
    const aar = buildAar(scenario, parsed.record, { seeds: 0 });
    expect(aar.rules).toEqual({ recorded: 1, current: RULES_VERSION });
    expect(aarHtml(aar, 'en')).toMatch(new RegExp(`Played under rules version 1; replayed here under version ${RULES_VERSION}`));
    expect(aarHtml(aar, 'fr')).toMatch(new RegExp(`Joué selon la version 1 des règles\u202f; rejoué ici selon la version ${RULES_VERSION}`));
    const other = recordOf(played(5, 1995));
    const c = compare(scenario, [parsed.record, other], 'en', ['Alpha', 'Bravo']);
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.comparison.warnings.filter((w) => w.includes('rules version'))).toEqual([`Alpha was played under rules version 1; this build plays version ${RULES_VERSION}, so its years may differ from those the syndicate played`]);
  });

  it('a version that is not a whole number from 1 is refused, naming the field', () => {
    for (const bad of [0, -1, 1.5, '2', null]) {
      const parsed = parseRecord({ ...JSON.parse(JSON.stringify(record)), rules: bad });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/^\$\.rules: must be a rules version/);
    }
  });
});
