/**
 * The plenary comparison as a facilitator reads it: syndicates of one scenario and seed
 * played through the engine, all-bot and scripted; the first year and phase their decisions
 * or key moves differed, what differed there, and what it cost from there; refusals of
 * mixed scenarios, seeds or too few exercises, with the reason; the printable page in
 * English and French, loading nothing and escaping what the teams typed.
 */
import { describe, expect, it } from 'vitest';
import { compare, compareHtml, compareJson, type Comparison } from '../../src/exercise/compare';
import { applyMove, createExercise, defaultSetup, recordOf, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import type { ExerciseRecord, Move } from '../../src/exercise/types';
import type { Scenario } from '../../src/core/scenario';
import { era } from './support';

const scenario = era('era4-after2022');

function play(s: Scenario, ex: ExerciseState, script: (ex: ExerciseState) => Move | null): ExerciseState {
  for (let i = 0; i < 5000 && !ex.finished; i++) {
    const move = script(ex) ?? standInMove(s, ex, waitingFor(s, ex)[0]);
    const r = applyMove(s, ex, move, i * 1000);
    if (!r.ok) throw new Error(`${move.role} ${move.type}: ${r.reason}`);
    ex = r.state;
  }
  return ex;
}

/** A syndicate holding NATO and the White Cell: the equal-treatment stand-in, except what the script changes. */
function syndicate(script: (ex: ExerciseState) => Move | null): ExerciseRecord {
  const setup = defaultSetup(scenario, { seed: 41, seats: { nato: { held: true }, white: { held: true } } });
  return recordOf(play(scenario, createExercise(scenario, setup), script));
}

/** Whatever in an HTML document would make a browser fetch something (as in aar.test.ts). */
function externalLoads(html: string): string[] {
  const found: string[] = [];
  for (const re of [/<(script|link|img|iframe|object|embed|video|audio|source|base)\b/gi, /\s(src|href|xlink:href|action|poster|srcset)\s*=\s*(?!["']?#)/gi, /@import/gi, /url\(/gi]) {
    for (const m of html.matchAll(re)) found.push(m[0]);
  }
  return found;
}

const ok = (r: ReturnType<typeof compare>): Comparison => {
  if (!r.ok) throw new Error(r.reason);
  return r.comparison;
};

describe('the plenary comparison', () => {
  const equal = recordOf(createExercise(scenario, defaultSetup(scenario, { seed: 30, seats: { nato: { held: false, policy: 'equal' } } })));
  const prioritise = recordOf(createExercise(scenario, defaultSetup(scenario, { seed: 30, seats: { nato: { held: false, policy: 'prioritise' } } })));

  it('puts all-bot syndicates side by side and finds their first difference in the first year’s planning', () => {
    const c = ok(compare(scenario, [equal, prioritise], 'en', ['Alpha', 'Bravo']));
    expect(c.teams.map((t) => t.label)).toEqual(['Alpha', 'Bravo']);
    expect(c.teams[0].metrics.security).toHaveLength(scenario.end - scenario.start + 2);
    expect(c.teams[0].metrics.security[0]).toBe(scenario.initial.security);
    const d = c.divergence!;
    expect(d).toMatchObject({ year: scenario.start, phase: 'planning' });
    const proposal = d.differences.find((x) => x.what === 'NATO’s proposal, round 1')!;
    expect(proposal.values[0]).toMatch(/equal treatment/);
    expect(proposal.values[1]).toMatch(/priorities in tiers/);
    expect(d.differences.some((x) => x.what === 'Money by partner (largest differences)')).toBe(true);
    expect(d.scoreGap[1].gap).toBeCloseTo(c.teams[1].score - c.teams[0].score, 1);
    expect(d.byYear[0].year).toBe(scenario.start);
    expect(d.byYear).toHaveLength(scenario.end - scenario.start + 1);
    expect(d.byYear.at(-1)!.gaps[0].gaps.security).toBeCloseTo(d.metricGap[1].gaps.security, 1);
    expect(c.warnings).toEqual([]);
  });

  it('finds a divergence in a later year: the years before are identical, the cost is counted from there', () => {
    const a = syndicate(() => null);
    const b = syndicate((ex) => (ex.game.year === 2024 && ex.phase === 'planning' && !ex.turn.agreed ? standInMove(scenario, ex, 'nato', undefined, 'prioritise') : null));
    const c = ok(compare(scenario, [a, b]));
    const d = c.divergence!;
    expect(d).toMatchObject({ year: 2024, phase: 'planning', phaseName: 'planning' });
    expect(d.differences[0].what).toBe('NATO’s proposal, round 1');
    expect(d.byYear[0].year).toBe(2024);
    for (const m of ['security', 'coherence'] as const) {
      expect(c.teams[0].metrics[m].slice(0, 3)).toEqual(c.teams[1].metrics[m].slice(0, 3));
    }
    expect(c.teams.map((t) => t.label)).toEqual(['Syndicate A', 'Syndicate B']);
  });

  it('finds a divergence in the White Cell’s adjudication, and names the step and rationale each took', () => {
    const adjudicate = (step: 'noChange' | 'majorNatoGain', rationale: string) => (ex: ExerciseState) =>
      ex.game.year === 2023 && ex.phase === 'adjudication' && ex.turn.adjudications.length === 0 ? ({ role: 'white', type: 'white.adjudicate', region: 'south', step, rationale } as Move) : null;
    const a = syndicate(adjudicate('noChange', 'held as read'));
    const b = syndicate(adjudicate('majorNatoGain', 'the <em>Sahel</em> package landed'));
    const c = ok(compare(scenario, [a, b]));
    expect(c.divergence).toMatchObject({ year: 2023, phase: 'adjudication' });
    expect(c.divergence!.differences[0].values).toEqual(['no change — held as read', 'major NATO gain — the <em>Sahel</em> package landed']);
    const html = compareHtml(c);
    expect(html).toContain('the &lt;em&gt;Sahel&lt;/em&gt; package landed');
    expect(html).not.toContain('<em>Sahel');
  });

  it('says when the syndicates made the same decisions', () => {
    const c = ok(compare(scenario, [equal, equal]));
    expect(c.divergence).toBe(null);
    expect(compareHtml(c)).toContain('The syndicates made the same decisions throughout.');
  });

  it('warns when the syndicates held different roles', () => {
    const held = syndicate(() => null);
    const bots = recordOf(createExercise(scenario, defaultSetup(scenario, { seed: 41 })));
    const c = ok(compare(scenario, [held, bots]));
    expect(c.warnings[0]).toMatch(/held different roles/);
    expect(c.warnings[1]).toBe('Syndicate A held: NATO International Staff, White Cell (facilitator)');
    expect(c.warnings[2]).toBe('Syndicate B held: no role (the engine played every role)');
  });

  it('refuses other seeds, other scenarios and a lone exercise, saying why', () => {
    const other = recordOf(createExercise(scenario, defaultSetup(scenario, { seed: 31 })));
    const seed = compare(scenario, [equal, other]);
    expect(seed.ok).toBe(false);
    if (!seed.ok) expect(seed.reason).toMatch(/Syndicate B played seed 31, Syndicate A seed 30: .*same dice/);
    const era2 = era('era2-stability');
    const elsewhere = recordOf(createExercise(era2, defaultSetup(era2, { seed: 30 })));
    const scen = compare(scenario, [equal, elsewhere]);
    expect(scen.ok).toBe(false);
    if (!scen.ok) expect(scen.reason).toBe('Syndicate B played scenario "era2-stability", not "era4-after2022": compare exercises of one scenario');
    const lone = compare(scenario, [equal]);
    expect(lone.ok || lone.reason).toBe('a comparison needs two exercises or more');
    const fr = compare(scenario, [equal, other], 'fr');
    expect(fr.ok || fr.reason).toMatch(/^Syndicat B a joué la graine 31/);
  });

  it('refuses a record whose log does not replay, naming the move', () => {
    const a = syndicate(() => null);
    const broken: ExerciseRecord = { ...a, log: a.log.map((e, i) => (i === 3 ? { ...e, phase: 'events' as const } : e)) };
    const r = compare(scenario, [a, broken]);
    expect(r.ok || r.reason).toMatch(/^Syndicate B: move seq 4 does not replay/);
  });

  it('prints in English and French, self-contained, with a chart per metric', () => {
    const c = ok(compare(scenario, [equal, prioritise], 'fr', ['<b>Alpha</b>', 'Bravo']));
    const fr = compareHtml(c, 'fr');
    expect(fr).toContain('<html lang="fr">');
    for (const heading of ['Comparaison en plénière', 'Où les syndicats ont divergé pour la première fois', 'Ce que cela a coûté, à partir de là', 'Trajectoires des indicateurs côte à côte']) expect(fr).toContain(heading);
    expect(fr).toContain('Proposition de l’OTAN, tour 1');
    expect(fr).not.toContain('Plenary comparison');
    expect(fr).toContain(scenario.title.fr);
    expect(fr).toContain('&lt;b&gt;Alpha&lt;/b&gt;');
    expect(fr).not.toContain('<b>Alpha');
    expect(externalLoads(fr)).toEqual([]);
    expect(fr.match(/<svg/g)).toHaveLength(7);
    const en = compareHtml(ok(compare(scenario, [equal, prioritise])), 'en');
    expect(en).toContain('Where the syndicates first diverged');
    expect(JSON.parse(compareJson(c)).divergence.year).toBe(scenario.start);
  });
});
