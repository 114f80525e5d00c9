/**
 * The after-action review names a renamed partner as it was called in the year each line
 * reports (README.md, "Partner names over time"): an era 3 exercise where Russia's red cell
 * courts MKD in 2011 and in 2019 reads "Macedonia (FYROM)" for 2011 and "North Macedonia"
 * for 2019, in English and French, in aar.json, the moves' lines and the HTML; a summary over
 * the whole exercise gives the last name with the former one.
 */
import { describe, expect, it } from 'vitest';
import { buildAar } from '../../src/exercise/aar';
import { aarHtml } from '../../src/exercise/aarHtml';
import { applyMove, createExercise, defaultSetup, recordOf, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { breachText } from '../../src/exercise/consensus';
import { partnerNameOver } from '../../src/core/scenario';
import type { Move } from '../../src/exercise/types';
import { era } from './support';

const scenario = era('era3-global');
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);

/** Era 3 to the 2019 review, every seat the engine's but Russia's, which courts MKD in 2011 and 2019. */
function played(): ExerciseState {
  let ex = createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { 'red:russia': { held: true } } }));
  const signalled = new Set<number>();
  for (let i = 0; i < 5000 && !(ex.game.year === 2020); i++) {
    const year = ex.game.year;
    const waiting = waitingFor(scenario, ex);
    let move: Move = standInMove(scenario, ex, waiting[0]);
    if (ex.phase === 'signals' && waiting.includes('red:russia') && (year === 2011 || year === 2019) && !signalled.has(year)) {
      signalled.add(year);
      move = { role: 'red:russia', type: 'red.signal', offers: [{ partner: 'MKD', amount: 4, bluff: false }] };
    }
    const r = applyMove(scenario, ex, move, T0 + i * 30_000);
    if (!r.ok) throw new Error(`${year} ${ex.phase}: ${move.role} ${move.type}: ${r.reason}`);
    ex = r.state;
  }
  expect([...signalled]).toEqual([2011, 2019]);
  return ex;
}

describe('an era 3 AAR names MKD as it was called in each year', () => {
  const ex = played();
  const record = recordOf(ex);

  it.each([
    ['en', 'Macedonia (FYROM)', 'North Macedonia'],
    ['fr', 'Macédoine (ERYM)', 'Macédoine du Nord'],
  ] as const)('in %s: the year lines, the moves and the printable report', (lang, before, after) => {
    const aar = buildAar(scenario, record, { lang });
    const turn = (year: number) => aar.turns.find((t) => t.year === year)!;
    expect(turn(2011).signals.find((s) => s.partner === 'MKD')?.partnerName).toBe(before);
    expect(turn(2019).signals.find((s) => s.partner === 'MKD')?.partnerName).toBe(after);
    const signalMove = (year: number) => turn(year).moves.find((m) => m.type === 'red.signal')!.detail;
    expect(signalMove(2011)).toContain(before);
    expect(signalMove(2011)).not.toContain(after);
    expect(signalMove(2019)).toContain(after);
    const html = aarHtml(aar);
    expect(html).toContain(before);
    expect(html).toContain(after);
  });

  it('a capital’s objection about MKD names it as in the year of the proposal', () => {
    const b = { kind: 'partnerFunded', partner: 'MKD', got: 0, atLeast: 1, needed: 2 } as const;
    expect(breachText(scenario, b, 'en', 2018)).toMatch(/^Macedonia \(FYROM\) gets/);
    expect(breachText(scenario, b, 'fr', 2019)).toMatch(/^Macédoine du Nord\u00a0: /);
  });

  it('a summary over the whole exercise gives the last name and the former one', () => {
    expect(partnerNameOver(scenario, 'MKD', scenario.start, ex.game.year, 'en')).toBe('North Macedonia, called Macedonia (FYROM) before 2019');
  });

  it('the Allies’ red lines, a summary over the years played, name MKD at the last year with its former name', () => {
    // A capital whose red line is MKD's funding (the shipped capitals watch UKR and TUN).
    const watching = { ...scenario, allies: scenario.allies.map((a) => (a.priorities ? { ...a, priorities: { ...a.priorities, redLine: { kind: 'partnerFunded' as const, partner: 'MKD', atLeast: 0.5 } } } : a)) };
    const aar = buildAar(watching, record, { lang: 'fr' });
    const lines = aar.sayDo.allies.map((a) => a.redLine ?? '');
    expect(lines.some((l) => l.includes('Macédoine du Nord, appelée Macédoine (ERYM) avant 2019')), JSON.stringify(lines)).toBe(true);
  });
});
