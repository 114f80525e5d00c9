/**
 * The after-action report and the plenary comparison as a facilitator reads them: the
 * adjudication's rationale with both steps, objections with their reasons, the inject's
 * fate, the notes and the branch reported; CSV rows that parse back; an HTML report that
 * loads nothing from anywhere and shows injected markup as text, in French with French
 * headings; a comparison that finds the first year two syndicates differed.
 */
import { describe, expect, it } from 'vitest';
import { buildAar, aarCsv, aarJson } from '../../src/exercise/aar';
import { aarHtml } from '../../src/exercise/aarHtml';
import { compare, compareHtml } from '../../src/exercise/compare';
import { applyMove, createExercise, defaultSetup, recordOf, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import type { Move } from '../../src/exercise/types';
import { era } from './support';

const scenario = era('era4-after2022');
const ally = `ally:${scenario.allies[0].id}` as const;
const serial = String(scenario.injects[0].serial);

function play(ex: ExerciseState, script: (ex: ExerciseState) => Move | null): ExerciseState {
  for (let i = 0; i < 5000 && !ex.finished; i++) {
    const move = script(ex) ?? standInMove(scenario, ex, waitingFor(scenario, ex)[0]);
    const r = applyMove(scenario, ex, move, 1_700_000_000_000 + i * 30_000);
    if (!r.ok) throw new Error(`${move.role} ${move.type}: ${r.reason}`);
    ex = r.state;
  }
  return ex;
}

/** A facilitated era: an objection in the first year, an adjudication, a held then published inject, a note with markup, a rewind. */
function facilitated(): ExerciseState {
  const setup = defaultSetup(scenario, { seed: 12, seats: { nato: { held: true }, [ally]: { held: true }, white: { held: true } }, consensus: 'vote', rounds: 3 });
  let objected = false;
  let noted = false;
  let rewound = false;
  return play(createExercise(scenario, setup), (ex) => {
    const year = ex.game.year;
    if (ex.phase === 'briefing' && year === 2022 && !ex.game.injectControl?.held.includes(serial) && ex.log.length === 0) return { role: 'white', type: 'white.hold', serial };
    if (ex.phase === 'planning' && year === 2022 && !objected && waitingFor(scenario, ex).includes(ally)) {
      objected = true;
      return { role: ally, type: 'ally.object', reason: 'Kyiv gets less than Chisinau <b>again</b>' };
    }
    if (ex.phase === 'adjudication' && ex.turn.adjudications.length === 0) return { role: 'white', type: 'white.adjudicate', region: 'east', step: 'majorNatoGain', rationale: 'The coalition delivered before the winter' };
    if (ex.phase === 'review' && year === 2023 && !noted) {
      noted = true;
      return { role: 'white', type: 'white.note', text: '<script>alert(1)</script> ask NATO why it waited', serial };
    }
    if (ex.phase === 'briefing' && year === 2025 && ex.published.length === 0) return { role: 'white', type: 'white.publish', serial };
    if (ex.phase === 'review' && year === 2026 && !rewound) {
      rewound = true;
      return { role: 'white', type: 'white.rewind', toYear: 2026, rationale: 'Replay 2026 with the other choice' };
    }
    return null;
  });
}

describe('the after-action report', () => {
  const ex = facilitated();
  const record = recordOf(ex);
  const aar = buildAar(scenario, record, { lang: 'en', seeds: 10 });

  it('reports the branch, roles, objections, adjudications, injects and notes', () => {
    expect(aar.finished).toBe(true);
    expect(aar.branch).toBe(1);
    expect(aar.branches[0]).toMatchObject({ toYear: 2026, rationale: 'Replay 2026 with the other choice' });
    expect(aar.roles.find((r) => r.role === ally)).toMatchObject({ held: true });
    const first = aar.turns[0];
    expect(first.proposals[0].responses[scenario.allies[0].id]).toMatchObject({ approve: false, reason: 'Kyiv gets less than Chisinau <b>again</b>' });
    expect(first.adjudications[0]).toMatchObject({ region: 'east', step: 'majorNatoGain', rationale: 'The coalition delivered before the winter' });
    expect(first.adjudications[0].engine).toBe(first.results.find((r) => r.region === 'east')!.engine);
    expect(aar.injects.find((i) => i.serial === serial)).toMatchObject({ fate: 'published', how: 'white', year: 2025 });
    expect(aar.notes[0]).toMatchObject({ year: 2023, serial });
    expect(first.minutes.planning).toBeGreaterThan(0);
    expect(aar.luck!.seeds).toBe(10);
    expect(aar.luck!.p10).toBeLessThanOrEqual(aar.luck!.p90);
    expect(aar.sayDo.allies.map((a) => a.years)).toEqual(aar.sayDo.allies.map(() => scenario.end - scenario.start + 1));
    expect(JSON.parse(aarJson(aar)).turns).toHaveLength(scenario.end - scenario.start + 1);
  });

  it('writes one CSV with a row per year and metric and a row per move, that parses back', () => {
    const csv = aarCsv(aar);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['kind', 'year', 'metric', 'value', 'seq', 'phase', 'role', 'move', 'detail', 'at']);
    const metricRows = rows.filter((r) => r[0] === 'metric');
    expect(metricRows).toHaveLength(aar.turns.length * 13);
    const moves = rows.filter((r) => r[0] === 'move');
    expect(moves.length).toBe(aar.turns.reduce((s, t) => s + t.moves.length, 0));
    expect(moves.find((r) => r[7] === 'ally.object')![8]).toBe('Kyiv gets less than Chisinau <b>again</b>');
    expect(moves.find((r) => r[7] === 'white.adjudicate')![8]).toContain('The coalition delivered before the winter');
  });

  it('prints as a self-contained HTML page that shows markup from the record as text', () => {
    const html = aarHtml(aar, 'en');
    expect(html).toContain('The coalition delivered before the winter');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('Kyiv gets less than Chisinau &lt;b&gt;again&lt;/b&gt;');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('<svg');
    expect(html).toContain('@page');
  });

  it('speaks French when asked', () => {
    const fr = aarHtml(buildAar(scenario, record, { lang: 'fr', seeds: 0 }), 'fr');
    expect(fr).toContain('lang="fr"');
    expect(fr).toContain('Rapport après action');
    expect(fr).toContain('Résultats et arbitrages');
    expect(fr).toContain(scenario.title.fr);
  });
});

describe('the plenary comparison', () => {
  const setup = (policy: 'equal' | 'prioritise') => defaultSetup(scenario, { seed: 30, seats: { nato: { held: false, policy } } });
  const a = recordOf(createExercise(scenario, setup('equal')));
  const b = recordOf(createExercise(scenario, setup('prioritise')));

  it('finds the first year the syndicates decided differently, and what it cost', () => {
    const result = compare(scenario, [a, b], 'en', ['Alpha', 'Bravo']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.comparison;
    expect(c.teams.map((t) => t.label)).toEqual(['Alpha', 'Bravo']);
    expect(c.divergence!.year).toBe(scenario.start);
    expect(c.divergence!.decisions[0].decision).toMatch(/equal/);
    expect(c.divergence!.decisions[1].decision).toMatch(/priorities/);
    expect(c.divergence!.scoreGap[1].gap).toBeCloseTo(c.teams[1].score - c.teams[0].score, 1);
    const html = compareHtml(c, 'fr');
    expect(html).toContain('Comparaison en plénière');
    expect(html).toContain('Bravo');
  });

  it('says when the syndicates made the same moves', () => {
    const result = compare(scenario, [a, a]);
    expect(result.ok && result.comparison.divergence).toBe(null);
  });

  it('refuses exercises of other seeds or scenarios, saying why', () => {
    const other = recordOf(createExercise(scenario, { ...setup('equal'), seed: 31 }));
    const result = compare(scenario, [a, other]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/seed 31.*seed 30.*same dice/);
  });
});

/** A small RFC 4180 reader, to check the CSV parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}
