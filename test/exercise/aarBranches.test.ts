/**
 * The after-action report around rewinds and the clock: the printable report lists what each
 * rewind left behind (as aar.json and aar.csv do), compares the abandoned line's score with
 * the line played's at the same point rather than with the era's final score, and credits a
 * timer's expiry to the clock, not to the White Cell (the record still logs it under its seat).
 */
import { describe, expect, it } from 'vitest';
import { buildAar, aarCsv } from '../../src/exercise/aar';
import { aarHtml } from '../../src/exercise/aarHtml';
import { formatNumber } from '../../src/exercise/aarText';
import { applyMove, createExercise, defaultSetup, recordOf, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import type { Move } from '../../src/exercise/types';
import { era } from './support';

const scenario = era('era4-after2022');
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const WHY = 'Back to 2023: the staff wants another plan';

/** Plays an exercise: the script's move where it has one, else the stand-in of the first role awaited; 30 s between moves. */
function play(ex: ExerciseState, script: (ex: ExerciseState) => Move | null, until: (ex: ExerciseState) => boolean = (e) => e.finished): ExerciseState {
  for (let i = 0; i < 5000 && !until(ex); i++) {
    const move = script(ex) ?? standInMove(scenario, ex, waitingFor(scenario, ex)[0]);
    const r = applyMove(scenario, ex, move, T0 + i * 30_000);
    if (!r.ok) throw new Error(`${ex.game.year} ${ex.phase}: ${move.role} ${move.type}: ${r.reason}`);
    ex = r.state;
  }
  return ex;
}

/** NATO and the White Cell held; a timer set in 2022 runs out in planning; a rewind from 2024's review to 2023. */
function rewound(until?: (ex: ExerciseState) => boolean): ExerciseState {
  const setup = defaultSetup(scenario, { seed: 11, seats: { nato: { held: true }, white: { held: true } } });
  const done = new Set<string>();
  const once = (key: string, move: Move): Move | null => (done.has(key) ? null : (done.add(key), move));
  return play(
    createExercise(scenario, setup),
    (e) => {
      if (e.game.year === 2022 && e.phase === 'briefing') return once('timer', { role: 'white', type: 'white.timer', phase: 'planning', seconds: 300 });
      if (e.game.year === 2022 && e.phase === 'planning' && e.timer) return once('expire', { role: 'white', type: 'timer.expire' });
      if (e.game.year === 2024 && e.phase === 'review') return once('rewind', { role: 'white', type: 'white.rewind', toYear: 2023, rationale: WHY });
      return null;
    },
    until,
  );
}

const ex = rewound();
const record = recordOf(ex);
const en = buildAar(scenario, record, { lang: 'en', seeds: 0 });
const fr = buildAar(scenario, record, { lang: 'fr', seeds: 0 });

describe('the printable report lists what a rewind left behind', () => {
  it('lists every abandoned move under its rewind, in the columns of the moves played, in English and French', () => {
    expect(en.abandonedMoves.length).toBeGreaterThan(5);
    const b = en.branches[0];
    for (const [aar, lang] of [
      [en, 'en'],
      [fr, 'fr'],
    ] as const) {
      const html = aarHtml(aar, lang);
      const block = html.match(new RegExp(`<details class="abandoned" open data-rewind="${b.seq}">([\\s\\S]*?)</details>`));
      expect(block, lang).not.toBeNull();
      const rows = block![1].match(/<tbody>([\s\S]*?)<\/tbody>/)![1].split('<tr>').slice(1);
      expect(rows).toHaveLength(aar.abandonedMoves.length);
      // Same words as a year's moves: the role's name, the move's type, what it said.
      const m = aar.abandonedMoves.find((x) => x.type === 'nato.propose')!;
      const row = rows.find((r) => r.includes(`>${m.seq}<`))!;
      expect(row).toContain(`>${m.year}<`);
      expect(row).toContain(aar.turns[0].moves.find((x) => x.role === 'nato')!.roleName);
      expect(row).toContain(lang === 'en' ? 'proposes' : 'propose');
      expect(row).toContain(m.detail.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').slice(0, 20));
      expect(block![1]).toContain(lang === 'en' ? `What the rewind #${b.seq} left behind` : `Ce que le retour n°\u00a0${b.seq} a laissé de côté\u00a0:`);
    }
    // The CSV says the same moves are off the line.
    const off = aarCsv(en).split('\r\n').filter((l) => l.startsWith('move,') && l.split(',')[3] === 'no');
    expect(off).toHaveLength(en.abandonedMoves.length);
  });
});

describe('a timer running out', () => {
  it('is credited to the clock in the moves and the CSV, while the record keeps the White Cell’s seat', () => {
    const entry = record.log.find((e) => e.move.type === 'timer.expire')!;
    expect(entry.role).toBe('white');
    const move = en.turns[0].moves.find((m) => m.type === 'timer.expire')!;
    expect(move.roleName).toBe('The clock');
    expect(fr.turns[0].moves.find((m) => m.type === 'timer.expire')!.roleName).toBe('L’horloge');
    const html = aarHtml(en);
    const row = html.split('<tr>').find((r) => r.startsWith(`<td class="num">${move.seq}</td>`))!;
    expect(row).toContain('The clock');
    expect(row).not.toContain('White Cell');
    const csv = aarCsv(en).split('\r\n').find((l) => l.startsWith('move,') && l.split(',')[4] === String(move.seq))!;
    expect(csv.split(',')[8]).toBe('clock');
    // Other White Cell moves stay the White Cell's.
    expect(en.turns[0].moves.find((m) => m.type === 'white.timer')!.roleName).not.toBe('The clock');
  });
});

describe('the abandoned line’s score', () => {
  it('is set beside the line played’s at the same year and phase, not beside the era’s final score', () => {
    const a = en.branches[0].abandoned!;
    expect(a).toMatchObject({ year: 2024, phase: 'review' });
    expect(typeof a.lineScore).toBe('number');
    // The line played on, stopped at the same point, scores what the report says.
    const same = buildAar(scenario, recordOf(rewound((e) => e.branch === 1 && e.game.year === 2025)), { seeds: 0 });
    expect(a.lineScore).toBe(same.score.score);
    const html = aarHtml(en);
    expect(html).toContain(`with a score at that point of ${formatNumber(a.score, 'en')}, against ${formatNumber(a.lineScore!, 'en')} for the line played on at the same point`);
    expect(html).toContain('not comparable with the era&#39;s final score');
    expect(aarHtml(fr)).toContain(`contre ${formatNumber(a.lineScore!, 'fr')} pour la ligne jouée ensuite au même moment`);
  });

  it('says it is not comparable where the line played never got back there', () => {
    const short = buildAar(scenario, recordOf(rewound((e) => e.branch === 1 && e.game.year === 2023 && e.phase === 'planning')), { seeds: 0 });
    const a = short.branches[0].abandoned!;
    expect(a.lineScore).toBeNull();
    const html = aarHtml(short);
    expect(html).toContain(`with a score at that point of ${formatNumber(a.score, 'en')} (a score mid-era, not comparable with the era&#39;s final score)`);
  });
});
