/**
 * The White Cell's latest moves after a rewind (docs/exercise.md, "Rewind and branch"): the
 * console's list is the line in play — the moves before the year the rewind went back to,
 * the rewind itself, then the new line — never the abandoned line's moves, which the record
 * keeps and the after-action report lists apart. A note stays on the line unless a later
 * rewind went back past its year, as in the report. Checked on `viewFor` and on the
 * classroom server's memoised `viewsFor`, move by move, and against the report's own line.
 */
import { describe, expect, it } from 'vitest';
import { applyMove, createExercise, defaultSetup, recordOf, type ExerciseState, type MoveResult } from '../../src/exercise/engine';
import { newViewMemo, viewFor, viewsFor, type RoleView } from '../../src/exercise/views';
import { buildAar } from '../../src/exercise/aar';
import type { LogEntry, Move } from '../../src/exercise/types';
import { era, standInsUntil } from './support';

const scenario = era('era1-enlargement');
const start = scenario.start;

const ok = (r: MoveResult): ExerciseState => {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.reason}`);
  return r.state;
};

const recent = (v: RoleView): LogEntry[] => (v.own.kind === 'white' ? v.own.recentLog : []);

/**
 * NATO's staff and the White Cell held: a note in the first year, play to the third year's
 * review with a note there, then a rewind to the second year. Returns the states and the seqs
 * the rewind abandoned (moves of the second year on, made before it).
 */
function rewound(): { before: ExerciseState; after: ExerciseState; abandoned: Set<number>; keptNote: number; lostNote: number; rewind: number } {
  let ex = createExercise(scenario, defaultSetup(scenario, { seed: 7, seats: { nato: { held: true }, white: { held: true } } }));
  ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.note', text: 'the first year’s note' }));
  const keptNote = ex.log.length;
  ex = standInsUntil(scenario, ex, (e) => e.game.year === start + 2 && e.phase === 'review');
  ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.note', text: 'a note on the line left behind' }));
  const lostNote = ex.log.length;
  const before = ex;
  const after = ok(applyMove(scenario, ex, { role: 'white', type: 'white.rewind', toYear: start + 1, rationale: 'try the second year with priorities' }));
  const abandoned = new Set(before.log.filter((e) => e.year >= start + 1).map((e) => e.seq));
  return { before, after, abandoned, keptNote, lostNote, rewind: after.log.length };
}

describe("the White Cell's latest moves after a rewind", () => {
  it('lists the line in play, the rewind last, and none of the abandoned line', () => {
    const { before, after, abandoned, keptNote, lostNote, rewind } = rewound();
    // Before the rewind the list is the latest moves of the record, which are the line's.
    expect(recent(viewFor(scenario, before, 'white')).map((e) => e.seq)).toEqual(before.log.slice(-12).map((e) => e.seq));
    expect(abandoned.size).toBeGreaterThan(12);
    const list = recent(viewFor(scenario, after, 'white'));
    const seqs = list.map((e) => e.seq);
    expect(seqs.filter((s) => abandoned.has(s))).toEqual([]);
    expect(list[list.length - 1].move).toEqual({ type: 'white.rewind', toYear: start + 1, rationale: 'try the second year with priorities' });
    expect(seqs[seqs.length - 1]).toBe(rewind);
    // The moves before it are the first year's, in order (fewer than twelve: the whole year), its note among them.
    const firstYear = after.log.filter((e) => e.year === start).map((e) => e.seq);
    expect(firstYear.length).toBeLessThan(12);
    expect(seqs).toEqual([...firstYear, rewind]);
    expect(seqs).toContain(keptNote);
    expect(seqs).not.toContain(lostNote);
    // Each entry is the record's own.
    for (const e of list) expect(after.log[e.seq - 1]).toBe(e);
  });

  it('follows the new line, the memoised views alike move by move', () => {
    const { before, after, abandoned, keptNote, lostNote, rewind } = rewound();
    // The server's memo has seen the line before the rewind: nothing of it may be kept across.
    const memo = newViewMemo();
    let ex = before;
    const check = () => {
      const fresh = recent(viewFor(scenario, ex, 'white'));
      const [served] = viewsFor(scenario, ex, ['white'], memo);
      expect(JSON.stringify(recent(served))).toBe(JSON.stringify(fresh));
      return fresh;
    };
    check();
    ex = after;
    expect(check().map((e) => e.seq)).toContain(keptNote);
    // The new line's first moves follow the rewind; the abandoned line stays out.
    const moves: Move[] = [
      { role: 'white', type: 'white.note', text: 'the second year, again' },
      { role: 'white', type: 'phase.advance' },
    ];
    for (const m of moves) {
      ex = ok(applyMove(scenario, ex, m));
      const list = check();
      expect(list.map((e) => e.seq).filter((s) => abandoned.has(s) || s === lostNote)).toEqual([]);
      expect(list.map((e) => e.seq)).toContain(rewind);
      expect(list[list.length - 1].seq).toBe(ex.log.length);
    }
    ex = standInsUntil(scenario, ex, (e) => e.game.year === start + 3);
    const late = check();
    expect(late.map((e) => e.seq).filter((s) => abandoned.has(s))).toEqual([]);
    expect(late.map((e) => e.seq)).toEqual(ex.log.slice(-12).map((e) => e.seq));
  });

  it("is the after-action report's line: the report lists the abandoned moves apart, not in its years", () => {
    const { after, abandoned, rewind } = rewound();
    const aar = buildAar(scenario, recordOf(after));
    const inYears = aar.turns.flatMap((t) => t.moves.map((m) => m.seq));
    expect(inYears.filter((s) => abandoned.has(s))).toEqual([]);
    expect(new Set(aar.abandonedMoves.map((m) => m.seq))).toEqual(abandoned);
    expect(aar.branches.map((b) => b.seq)).toEqual([rewind]);
  });
});
