/**
 * The after-action report as a facilitator reads it, from exercises played through the
 * engine: a facilitated era (NATO, a capital, a partner team, a red cell and the White Cell
 * held; an objection with its reason, signals with a bluff, a demand, an adjudication with
 * its rationale, injects held, published and skipped, notes, a rewind) and an all-bot era.
 * The same facts must read in aar.json, the CSV (which parses back) and the HTML (which
 * loads nothing and shows injected markup as text), in English and in French.
 */
import { describe, expect, it } from 'vitest';
import { buildAar, aarCsv, aarJson, describeMove, type Aar } from '../../src/exercise/aar';
import { CSV_COLUMNS } from '../../src/exercise/aarCsv';
import { aarHtml } from '../../src/exercise/aarHtml';
import { applyMove, createExercise, defaultSetup, recordOf, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import type { Move } from '../../src/exercise/types';
import { era } from './support';

const scenario = era('era4-after2022');
const ALLY = 'ally:eastern-flank' as const;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const OBJECTION = 'Kyiv "first", then\nChisinau <b>again</b>';
const RATIONALE = 'The coalition delivered before the winter, say the liaison officers';
const DECISION = 'Kyiv cannot wait for a third round';
const SCRIPT_NOTE = '<script>alert(1)</script> ask NATO why it waited';

/** Plays an exercise: the script's move where it has one, else the stand-in of the first role awaited; 30 s between moves. */
function play(ex: ExerciseState, script: (ex: ExerciseState) => Move | null): ExerciseState {
  for (let i = 0; i < 5000 && !ex.finished; i++) {
    const move = script(ex) ?? standInMove(scenario, ex, waitingFor(scenario, ex)[0]);
    const r = applyMove(scenario, ex, move, T0 + i * 30_000);
    if (!r.ok) throw new Error(`${ex.game.year} ${ex.phase}: ${move.role} ${move.type}: ${r.reason}`);
    ex = r.state;
  }
  return ex;
}

function facilitated(): ExerciseState {
  const setup = defaultSetup(scenario, {
    seed: 12,
    seats: { nato: { held: true }, [ALLY]: { held: true }, 'partner:eastern': { held: true }, 'red:russia': { held: true }, white: { held: true } },
    consensus: 'vote',
    rounds: 2,
    deadlock: 'white',
  });
  const done = new Set<string>();
  const once = (key: string, move: Move): Move | null => (done.has(key) ? null : (done.add(key), move));
  return play(createExercise(scenario, setup), (ex) => {
    const year = ex.game.year;
    const waiting = waitingFor(scenario, ex);
    if (ex.phase === 'briefing' && year === 2022) return once('hold', { role: 'white', type: 'white.hold', serial: '1' });
    if (ex.phase === 'briefing' && year === 2024) return once('skip', { role: 'white', type: 'white.skip', serial: '3' });
    if (ex.phase === 'briefing' && year === 2025) return once('publish', { role: 'white', type: 'white.publish', serial: '1' });
    if (ex.phase === 'signals' && year === 2022) {
      if (waiting.includes('red:russia')) return once('signal', { role: 'red:russia', type: 'red.signal', offers: [{ partner: 'GEO', amount: 10, bluff: true }, { partner: 'MDA', amount: 8, bluff: false }] });
      if (waiting.includes('partner:eastern') && !done.has('demand')) return once('demand', { role: 'partner:eastern', type: 'partner.demand', partner: 'MDA', focus: 'resilience' });
      if (waiting.includes('partner:eastern') && !done.has('finance')) return once('finance', { role: 'partner:eastern', type: 'partner.selfFinance', partner: 'GEO', share: 0.2 });
      if (waiting.includes(ALLY)) return once('push', { role: ALLY, type: 'ally.push', partner: 'UKR' });
    }
    if (ex.phase === 'planning' && year === 2022) {
      if (waiting.includes(ALLY) && !done.has('object')) return once('object', { role: ALLY, type: 'ally.object', reason: OBJECTION });
      if (waiting.includes('white') && !ex.turn.agreed) return once('decide', { role: 'white', type: 'white.decide', outcome: 'accept', rationale: DECISION });
      if (waiting.includes('red:russia')) return once('commit', { role: 'red:russia', type: 'red.commit', honour: ['MDA'] });
    }
    if (ex.phase === 'adjudication' && year === 2022) return once('adjudicate', { role: 'white', type: 'white.adjudicate', region: 'east', step: 'majorNatoGain', rationale: RATIONALE });
    if (ex.phase === 'review' && year === 2023) return once('note', { role: 'white', type: 'white.note', text: SCRIPT_NOTE, serial: '1' });
    if (ex.phase === 'review' && year === 2024) return once('formula', { role: 'white', type: 'white.note', text: '=HYPERLINK("http://example.invalid","x")' });
    if (ex.phase === 'planning' && year === 2026 && ex.branch === 0) return once('lost-note', { role: 'white', type: 'white.note', text: 'made on the line we abandon' });
    if (ex.phase === 'review' && year === 2026) return once('rewind', { role: 'white', type: 'white.rewind', toYear: 2026, rationale: 'Replay 2026 with the other choice' });
    return null;
  });
}

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
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

/** Whatever in an HTML document would make a browser fetch something. */
function externalLoads(html: string): string[] {
  const found: string[] = [];
  for (const re of [/<(script|link|img|iframe|object|embed|video|audio|source|base)\b/gi, /\s(src|href|xlink:href|action|poster|srcset)\s*=\s*(?!["']?#)/gi, /@import/gi, /url\(/gi]) {
    for (const m of html.matchAll(re)) found.push(m[0]);
  }
  return found;
}

const ex = facilitated();
const record = recordOf(ex);
const aar = buildAar(scenario, record, { lang: 'en', seeds: 10 });
const years = scenario.end - scenario.start + 1;

describe('the after-action report (aar.json)', () => {
  it('says which line it reports, and what the rewind abandoned and why', () => {
    expect(aar.finished).toBe(true);
    expect(aar.branch).toBe(1);
    expect(aar.branches).toHaveLength(1);
    const b = aar.branches[0];
    expect(b).toMatchObject({ id: 1, parent: 0, toYear: 2026, rationale: 'Replay 2026 with the other choice' });
    expect(b.abandoned).toMatchObject({ year: 2026, phase: 'review' });
    expect(b.abandoned!.moves).toBeGreaterThan(0);
    expect(aar.abandonedMoves.length).toBeGreaterThan(0);
    expect(aar.abandonedMoves.every((m) => m.year === 2026 && m.branch === 0)).toBe(true);
    const lost = aar.notes.find((n) => n.text === 'made on the line we abandon')!;
    expect(lost.onLine).toBe(false);
    expect(aar.turns).toHaveLength(years);
  });

  it('gives the setup: who held which role, and the engine’s policies', () => {
    expect(aar.roles.find((r) => r.role === ALLY)).toMatchObject({ held: true });
    expect(aar.roles.find((r) => r.role === 'nato')).toMatchObject({ held: true });
    expect(aar.roles.find((r) => r.role === 'ally:southern-flank')).toMatchObject({ held: false, bot: 'engine' });
    expect(aar.setup).toMatchObject({ consensus: 'vote', rounds: 2, deadlock: 'white', msel: 'scenario' });
  });

  it('lists each year’s moves with their seq, time and time into the phase', () => {
    const first = aar.turns[0];
    expect(first.moves[0]).toMatchObject({ seq: 1, role: 'white', type: 'white.hold', at: T0 });
    expect(first.moves.map((m) => m.seq)).toEqual([...first.moves.map((m) => m.seq)].sort((a, b) => a - b));
    expect(first.minutes.planning).toBeGreaterThan(0);
    expect(first.moves.some((m) => (m.intoPhase ?? 0) > 0)).toBe(true);
    const all = aar.turns.flatMap((t) => t.moves).length + aar.abandonedMoves.length;
    expect(all).toBe(record.log.length);
  });

  it('shows each proposal round with every capital’s answer and reason', () => {
    const [r1, r2] = aar.turns[0].proposals;
    expect(r1).toMatchObject({ round: 1, by: 'team', outcome: 'objected' });
    expect(r1.answers.find((a) => a.ally === 'eastern-flank')).toMatchObject({ approve: false, reason: OBJECTION.trim(), by: 'team' });
    expect(r1.answers.find((a) => a.ally === 'southern-flank')).toMatchObject({ by: 'engine' });
    // The southern capital (the engine's) objects on its red line in both rounds: the White Cell decides.
    expect(r2).toMatchObject({ round: 2, outcome: 'decided' });
    expect(aar.turns[0].deadlock).toEqual({ outcome: 'accept', rationale: DECISION });
    expect(aar.turns[0].agreed!.summary).toBe(r2.summary);
    expect(aar.sayDo.allies.find((a) => a.ally === 'eastern-flank')!.objections).toBe(1);
  });

  it('reveals the red cell’s bluffs against what it committed, and the partner team’s demand against the money', () => {
    const signals = aar.turns[0].signals;
    expect(signals.find((s) => s.partner === 'GEO')).toMatchObject({ competitor: 'russia', amount: 10, bluff: true, honoured: false });
    expect(signals.find((s) => s.partner === 'MDA')).toMatchObject({ bluff: false, honoured: true });
    const red = aar.sayDo.red.find((r) => r.competitor === 'russia')!;
    expect(red.bluffsSignalled).toBeGreaterThanOrEqual(1);
    expect(red.signalled).toBeGreaterThanOrEqual(red.honoured + red.bluffsCommitted);
    const demand = aar.turns[0].demands.find((d) => d.partner === 'MDA')!;
    const agreed = ex.turns[0].agreed!;
    const money = agreed.allocations.filter((l) => l.partner === 'MDA' && l.focus === 'resilience').reduce((s, l) => s + l.amount, 0);
    expect(demand).toMatchObject({ focus: 'resilience' });
    expect(demand.received).toBeCloseTo(money, 2);
    expect(aar.turns[0].selfFinancing).toEqual([{ partner: 'GEO', partnerName: expect.any(String), share: 0.2 }]);
    expect(aar.sayDo.partners.find((p) => p.team === 'eastern')!.demands).toBeGreaterThanOrEqual(1);
  });

  it('sets every adjudication beside the engine’s reading, with its rationale and the metric it moved', () => {
    const east = aar.turns[0].results.find((r) => r.region === 'east')!;
    expect(east.white).toMatchObject({ step: 'majorNatoGain', rationale: RATIONALE });
    expect(east.engine).toBe(ex.turns[0].results!.find((r) => r.region === 'east')!.engine);
    expect(east.white!.delta).toBeCloseTo(ex.turns[0].adjudications[0].delta, 2);
    expect(aar.turns[0].results.filter((r) => r.white)).toHaveLength(1);
  });

  it('gives each inject its fate and audience, and the White Cell’s moves on it', () => {
    expect(aar.injects.find((i) => i.serial === '1')).toMatchObject({ fate: 'published', how: 'white', year: 2025 });
    expect(aar.injects.find((i) => i.serial === '1')!.actions.map((a) => a.type)).toEqual(['white.hold', 'white.publish']);
    expect(aar.injects.find((i) => i.serial === '3')).toMatchObject({ fate: 'skipped', how: null });
    expect(aar.injects.find((i) => i.serial === '9')).toMatchObject({ fate: 'published', how: 'time', year: 2027 });
    expect(aar.injects.find((i) => i.serial === '4')!.audienceNames).toContain(aar.roles.find((r) => r.role === 'partner:eastern')!.name);
    expect(aar.notes.find((n) => n.text === SCRIPT_NOTE)).toMatchObject({ year: 2023, serial: '1', onLine: true });
  });

  it('keeps the metric series, diagnostics, say–do, luck vs skill and history', () => {
    expect(aar.turns.map((t) => t.year)).toEqual(Array.from({ length: years }, (_, i) => scenario.start + i));
    expect(aar.turns[years - 1].metrics.security).toBeCloseTo(ex.game.alliance.security, 1);
    expect(aar.initial.metrics.security).toBe(scenario.initial.security);
    expect(aar.diagnostics.upkeepShare).toBeGreaterThan(0);
    expect(aar.sayDo.allies).toHaveLength(scenario.allies.length);
    expect(aar.sayDo.allies.every((a) => a.years === years && a.redLineHeld <= a.years && a.partners <= a.years)).toBe(true);
    expect(aar.luck).toMatchObject({ seeds: 10, own: aar.score.score });
    expect(aar.luck!.p10).toBeLessThanOrEqual(aar.luck!.p50);
    expect(aar.luck!.p50).toBeLessThanOrEqual(aar.luck!.p90);
    expect(aar.history.entries.length).toBe(scenario.history.entries.length);
    expect(aar.history.entries[0].team).toMatch(/^share \d\.\d\s%/);
    expect(aar.history.readyAspirants).toBe(scenario.history.readyAspirants);
    const json = JSON.parse(aarJson(aar)) as Aar;
    expect(json.turns[0].results.find((r) => r.region === 'east')!.white!.rationale).toBe(RATIONALE);
  });

  it('reports an all-bot exercise: every role the engine’s, no moves, luck over 200 seeds by default', () => {
    const bots = recordOf(createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { nato: { held: false, policy: 'prioritise' } } })));
    expect(bots.log).toHaveLength(0);
    const r = buildAar(scenario, bots);
    expect(r.roles.find((x) => x.role === 'nato')).toMatchObject({ held: false, bot: 'prioritise' });
    expect(r.roles.every((x) => !x.held)).toBe(true);
    expect(r.turns).toHaveLength(years);
    expect(r.turns.every((t) => t.moves.length === 0 && t.agreed !== null && t.results.length === 3 && t.results.every((x) => !x.white))).toBe(true);
    expect(r.turns.some((t) => t.offers.total > 0)).toBe(true);
    expect(r.luck!.seeds).toBe(200);
    expect(r.branches).toEqual([]);
  });

  it('reports an exercise stopped mid-era, saying where it stood', () => {
    const part = { ...record, log: record.log.filter((e) => e.year < 2024) };
    const r = buildAar(scenario, part, { seeds: 50 });
    expect(r.finished).toBe(false);
    expect(r.luck).toBe(null);
    expect(r.stoppedAt.year).toBe(2024);
    expect(aarHtml(r)).toContain('stopped in 2024');
  });

  it('files a rewind under the year it went back to, first of that year’s moves, not among the year it was made in', () => {
    const setup = defaultSetup(scenario, { seed: 11, seats: { nato: { held: true }, white: { held: true } } });
    let rewound = false;
    let timed = false;
    const ex = play(createExercise(scenario, setup), (e) => {
      // A timer set during play (the set-up had none): the report says so beside "untimed".
      if (!timed && e.phase === 'planning' && e.game.year === 2022) return (timed = true), { role: 'white', type: 'white.timer', phase: 'planning', seconds: 300 };
      if (rewound || e.phase !== 'review' || e.game.year !== 2024) return null;
      rewound = true;
      return { role: 'white', type: 'white.rewind', toYear: 2023, rationale: 'Back to 2023: the staff wants another plan' };
    });
    const r = buildAar(scenario, recordOf(ex), { seeds: 10 });
    const year = (y: number) => r.turns.find((t) => t.year === y)!;
    expect(year(2023).moves[0]).toMatchObject({ type: 'white.rewind', year: 2024, branch: 0 });
    expect(year(2023).moves[0].detail).toContain('2023 — Back to 2023: the staff wants another plan');
    expect(year(2023).moves[0].intoPhase).toBeUndefined();
    expect(year(2023).moves.slice(1).every((m) => m.type !== 'white.rewind' && m.branch === 1)).toBe(true);
    expect(year(2024).moves.every((m) => m.type !== 'white.rewind')).toBe(true);
    expect(year(2024).moves.length).toBeGreaterThan(0);
    expect(aarHtml(r).indexOf('Back to 2023')).toBeLessThan(aarHtml(r).indexOf('>2024<'));
    expect(r.setup.timersSet).toBe(1);
    expect(aarHtml(r)).toContain('untimed · one set during play (see the moves)');
  });
});

describe('aar.csv', () => {
  const rows = parseCsv(aarCsv(aar));
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  const of = (kind: string) => rows.filter((r) => r[0] === kind);

  it('parses back: one header, every row as wide', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('has a row per year × metric and a row per logged move', () => {
    expect(of('metric')).toHaveLength(years * 13);
    const security2022 = of('metric').find((r) => r[col('year')] === '2022' && r[col('metric')] === 'security')!;
    expect(Number(security2022[col('value')])).toBeCloseTo(aar.turns[0].metrics.security, 2);
    expect(of('move')).toHaveLength(record.log.length);
    expect(of('move').map((r) => Number(r[col('seq')]))).toEqual(record.log.map((e) => e.seq));
    expect(of('move').filter((r) => r[col('on_line')] === 'no')).toHaveLength(aar.abandonedMoves.length);
    expect(of('move')[0][col('at')]).toBe(new Date(T0).toISOString());
  });

  it('keeps texts with quotes, commas and line breaks whole, and disarms formulas', () => {
    const objection = of('move').find((r) => r[col('type')] === 'ally.object')!;
    expect(objection[col('detail')]).toBe(OBJECTION);
    expect(of('move').find((r) => r[col('detail')].includes('HYPERLINK'))![col('detail')]).toMatch(/^'=HYPERLINK/);
  });

  it('gives the adjudication both steps, the metric moved and the rationale', () => {
    const east = of('result').find((r) => r[col('year')] === '2022' && r[col('region')] === 'east')!;
    const res = aar.turns[0].results.find((r) => r.region === 'east')!;
    expect(east[col('engine_step')]).toBe(res.engine);
    expect(east[col('white_step')]).toBe('majorNatoGain');
    expect(east[col('detail')]).toBe(RATIONALE);
    expect(Number(east[col('delta')])).toBeCloseTo(res.white!.delta, 2);
    expect(of('result')).toHaveLength(years * 3);
    // The line it was played on, as its move's row says (the report's line is the rewind's, made later).
    const move = of('move').find((r) => r[col('seq')] === east[col('seq')])!;
    expect(move[col('type')]).toBe('white.adjudicate');
    expect(east[col('branch')]).toBe(move[col('branch')]);
    expect(east[col('branch')]).toBe('0');
    expect(aar.branch).toBe(1);
    // A year's metrics: the line its moves were played on (2026 was played again on the rewind's).
    const branchOf = (year: string) => new Set(of('metric').filter((r) => r[col('year')] === year).map((r) => r[col('branch')]));
    expect(branchOf('2022')).toEqual(new Set(['0']));
    expect(branchOf('2026')).toEqual(new Set(['1']));
  });
});

describe('aar.html', () => {
  const html = aarHtml(aar, 'en');

  it('is self-contained: nothing loaded from anywhere, SVG charts inline, print CSS', () => {
    expect(externalLoads(html)).toEqual([]);
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('@media print');
    expect(html).toContain('break-before: page');
    expect(html).toContain('display: table-header-group');
  });

  it('shows markup from the record as text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ask NATO why it waited');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Chisinau &lt;b&gt;again&lt;/b&gt;');
    expect(html).toContain('Kyiv &quot;first&quot;');
  });

  it('shows the adjudication with both steps and the rationale, the objection, the inject’s fate and the branch', () => {
    expect(html).toContain(RATIONALE);
    expect(html).toContain('major NATO gain');
    const engineStep = aar.turns[0].results.find((r) => r.region === 'east')!.engine;
    const row = html.slice(html.lastIndexOf(RATIONALE) - 600, html.lastIndexOf(RATIONALE));
    expect(row).toContain({ majorCompetitorGain: 'major competitor gain', minorCompetitorGain: 'minor competitor gain', noChange: 'no change', minorNatoGain: 'minor NATO gain', majorNatoGain: 'major NATO gain' }[engineStep]);
    expect(html).toContain('published (by the White Cell, 2025');
    expect(html).toContain('skipped');
    expect(html).toContain('Replay 2026 with the other choice');
    expect(html).toContain(DECISION);
    expect(html).toContain('branch 1');
    expect(html).toContain(scenario.history.entries[0].text.en);
  });

  it('speaks French with French headings and the scenario’s French texts', () => {
    const fr = aarHtml(buildAar(scenario, record, { lang: 'fr', seeds: 0 }), 'fr');
    expect(fr).toContain('<html lang="fr">');
    for (const heading of ['Rapport après action', 'Année par année', 'Résolution et arbitrage', 'Dire et faire', 'Chance ou compétence', 'Liste des incidents', 'gain majeur de l’OTAN']) expect(fr).toContain(heading);
    for (const english of ['After-action report', 'Year by year', 'Say and do', 'Luck or skill', 'major NATO gain', 'Objective']) expect(fr).not.toContain(english);
    expect(fr).toContain(scenario.title.fr);
    expect(fr).toContain(scenario.history.entries[0].text.fr.replace(/'/g, '&#39;'));
    expect(externalLoads(fr)).toEqual([]);
  });
});

describe('a pause the game made', () => {
  it('is said to be the game\'s, not the White Cell\'s, when an exercise was taken up again (EN/FR); a White Cell\'s pause says nothing more', () => {
    const start = createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { white: { held: true } } }));
    const a = applyMove(scenario, start, { role: 'white', type: 'white.pause', reason: 'taken-up' }, T0);
    if (!a.ok) throw new Error(a.reason);
    const b = applyMove(scenario, a.state, { role: 'white', type: 'white.resume' }, T0 + 1000);
    if (!b.ok) throw new Error(b.reason);
    const c = applyMove(scenario, b.state, { role: 'white', type: 'white.pause' }, T0 + 2000);
    if (!c.ok) throw new Error(c.reason);
    expect(describeMove(scenario, { type: 'white.pause', reason: 'taken-up' }, 'en', 2022)).toMatch(/^by the game, not the White Cell/);
    expect(describeMove(scenario, { type: 'white.pause', reason: 'taken-up' }, 'fr', 2022)).toMatch(/^par le jeu, non par la cellule blanche/);
    const aar = buildAar(scenario, recordOf(c.state), { lang: 'en', seeds: 0 });
    const pauses = aar.turns.flatMap((t) => t.moves).filter((m) => m.type === 'white.pause');
    expect(pauses.map((m) => m.detail)).toEqual([expect.stringMatching(/^by the game/), '']);
  });
});
