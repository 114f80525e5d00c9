/**
 * The after-action report of an exercise (docs/exercise.md), built from its record alone:
 * who held which role, the branch it reports and the ones left behind, per year each role's
 * moves with their timing, the proposal rounds and the capitals' answers, signals and
 * commitments, each region's result and every adjudication with its rationale, the
 * injects' fate, event choices, the White Cell's notes; metric series; the debrief's
 * diagnostics; say–do per role; luck vs skill; the team's path beside history. Pure: no DOM
 * and no Node APIs, so the browser and the server build the same report as the CLI.
 */
import type { Scenario } from '../core/scenario';
import { ALLIANCE_METRICS, COMPETITORS, REGIONS, type AllianceMetric, type CompetitorId, type Region } from '../core/constants';
import { diagnostics, sayDo, scoreEra, type Diagnostics, type EraScore } from '../core/score';
import { rerunOverSeeds } from '../core/game';
import { readyAspirants } from '../core/state';
import { fundingByPartner } from '../core/decision';
import { crossesRedLine } from './consensus';
import { playedScenario, replayExercise, stateHash, injectFate, type Adjudication, type Branch, type ExerciseState, type InjectFate, type Note, type Proposal } from './engine';
import { isHeld, partnerTeams, roleName, scenarioRoles } from './roles';
import type { ExerciseRecord, LogEntry, MovePayload, Phase, RedSignal, RoleId } from './types';

export interface AarMove {
  seq: number;
  year: number;
  phase: Phase;
  role: RoleId;
  type: MovePayload['type'];
  /** What the move said, in a line. */
  detail: string;
  at?: number;
}

export interface AarTurn {
  year: number;
  /** Minutes spent in each phase, where the shell recorded wall times. */
  minutes: Partial<Record<Phase, number>>;
  moves: AarMove[];
  proposals: Proposal[];
  deadlock?: { outcome: 'accept' | 'statusQuo'; rationale: string };
  agreedShare: number | null;
  signals: Partial<Record<CompetitorId, RedSignal[]>>;
  commits: Partial<Record<CompetitorId, string[]>>;
  demands: Record<string, string>;
  selfFinancing: Record<string, number>;
  gapAnalyses: { partner: string; accepted: boolean; answeredBy: 'team' | 'dice' }[];
  results: { region: Region; natoDelta: number; competitorDelta: number; engine: string }[];
  adjudications: Adjudication[];
  choices: { eventId: string; choiceId: string; by: string }[];
  metrics: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
}

export interface AarInject {
  serial: string;
  title: string;
  audience: string[];
  fate: InjectFate;
  /** Published on its time, or by the White Cell (with the year it was). */
  how: 'time' | 'white' | null;
  year?: number;
}

export interface Aar {
  lang: 'en' | 'fr';
  scenario: { id: string; title: string; start: number; end: number };
  seed: number;
  hash: string;
  finished: boolean;
  roles: { role: RoleId; name: string; held: boolean; bot?: string }[];
  consensus: string;
  branch: number;
  branches: Branch[];
  turns: AarTurn[];
  injects: AarInject[];
  notes: Note[];
  score: EraScore;
  diagnostics: Diagnostics;
  sayDo: {
    nato: { strategy: string | null; score: number | null };
    allies: { ally: string; name: string; honoured: number; years: number; redLineHeld: number }[];
    red: { competitor: CompetitorId; signalled: number; bluffsSignalled: number; honoured: number; bluffsCommitted: number }[];
    partners: { team: string; name: string; demands: number; funded: number }[];
  };
  luck: { seeds: number; p10: number; p50: number; p90: number; own: number } | null;
  history: { entries: { year: number; text: string; source: string }[]; readyAspirants?: number; teamReadyAspirants: number };
}

const quantile = (sorted: number[], q: number) => {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};

/** A move in one line, for the tables. */
export function describeMove(move: MovePayload): string {
  switch (move.type) {
    case 'nato.propose': {
      const total = move.decision.allocations.reduce((s, l) => s + l.amount, 0);
      const actions = move.decision.actions.map((a) => (a.type === 'rationalise' ? `${a.mode} reform` : `${a.type} ${a.partner}`));
      return `share ${move.decision.share.toFixed(1)} %, ${move.decision.policy}, €${total.toFixed(1)}m on ${move.decision.allocations.length} lines${actions.length ? `, ${actions.join(', ')}` : ''}`;
    }
    case 'nato.strategy':
      return move.strategy;
    case 'event.choose':
      return `${move.eventId}: ${move.choiceId}`;
    case 'ally.push':
      return move.partner;
    case 'ally.object':
      return move.reason;
    case 'partner.demand':
      return `${move.partner}: ${move.focus}`;
    case 'partner.selfFinance':
      return `${move.partner}: +${Math.round(move.share * 100)} %`;
    case 'partner.gapAnswer':
      return `${move.partner}: ${move.accept ? 'accepts' : 'refuses'}`;
    case 'red.signal':
      return move.offers.map((o) => `${o.partner} €${o.amount}m${o.bluff ? ' (bluff)' : ''}`).join(', ');
    case 'red.commit':
      return move.honour.join(', ') || '—';
    case 'white.publish':
    case 'white.hold':
    case 'white.skip':
      return `inject ${move.serial}`;
    case 'white.adhoc':
      return move.eventId;
    case 'white.timer':
      return `${move.phase}: ${move.seconds} s`;
    case 'white.extend':
      return `+${move.seconds} s`;
    case 'white.adjudicate':
      return `${move.region}: ${move.step} — ${move.rationale}`;
    case 'white.decide':
      return `${move.outcome} — ${move.rationale}`;
    case 'white.note':
      return move.text;
    case 'white.rewind':
      return `to ${move.toYear} — ${move.rationale}`;
    default:
      return '';
  }
}

/** Moves of the line the exercise ended on, in order. */
function currentLine(ex: ExerciseState): LogEntry[] {
  const applied = new Set(ex.applied);
  return ex.log.filter((e) => applied.has(e.seq));
}

export interface AarOptions {
  lang?: 'en' | 'fr';
  /** Other seeds NATO's decisions are replayed over for luck vs skill (0 leaves it out). */
  seeds?: number;
}

/** The after-action report of a record; a record that does not replay is an error naming the move. */
export function buildAar(scenario: Scenario, record: ExerciseRecord, options: AarOptions = {}): Aar {
  const lang = options.lang ?? record.setup.lang ?? 'en';
  const replayed = replayExercise(scenario, record);
  if (!replayed.ok) throw new Error(`move seq ${replayed.seq} does not replay: ${replayed.rejection.reason}`);
  const ex = replayed.state;
  const s = playedScenario(scenario, ex.setup);
  const game = ex.game;
  const line = currentLine(ex);
  const works = [...ex.turns, ...(ex.finished ? [] : [ex.turn])];

  const turns: AarTurn[] = works.map((w) => {
    const record = game.turns.find((t) => t.year === w.year);
    const minutes: Partial<Record<Phase, number>> = {};
    w.phases.forEach((p, i) => {
      const next = w.phases[i + 1]?.at;
      if (p.at !== undefined && next !== undefined) minutes[p.phase] = Math.round(((next - p.at) / 60_000) * 10) / 10;
    });
    return {
      year: w.year,
      minutes,
      moves: line.filter((e) => e.year === w.year).map((e) => ({ seq: e.seq, year: e.year, phase: e.phase, role: e.role, type: e.move.type, detail: describeMove(e.move), ...(e.at !== undefined ? { at: e.at } : {}) })),
      proposals: w.proposals,
      ...(w.deadlock ? { deadlock: w.deadlock } : {}),
      agreedShare: w.agreed?.share ?? null,
      signals: w.signals,
      commits: w.commits,
      demands: w.demands,
      selfFinancing: w.selfFinancing,
      gapAnalyses: (record?.gapAnalyses ?? []).map((g) => ({ ...g, answeredBy: g.partner in w.gapAnswers ? 'team' : 'dice' })),
      results: (w.results ?? []).map((r) => ({ ...r })),
      adjudications: w.adjudications,
      choices: w.choices,
      metrics: { ...(record?.alliance ?? game.alliance) },
      influence: record ? { russia: { ...record.influence.russia }, china: { ...record.influence.china } } : { russia: { ...game.influence.russia }, china: { ...game.influence.china } },
    };
  });

  const injects: AarInject[] = s.injects.map((i) => {
    const serial = String(i.serial);
    const pub = ex.published.find((p) => p.serial === serial);
    const fired = game.fired.find((f) => f.source === 'inject' && f.id === serial);
    return {
      serial,
      title: i.title[lang],
      audience: [...i.audience],
      fate: injectFate(ex, serial),
      how: pub ? (pub.seq !== undefined ? 'white' : 'time') : fired ? 'time' : null,
      ...(pub ? { year: pub.year } : fired ? { year: fired.year } : {}),
    };
  });

  // Say–do of each Allied capital: years its priority partners got at least an equal share, years its red line held.
  const allies = s.allies.map((a) => {
    let honoured = 0;
    let held = 0;
    let years = 0;
    for (const w of works) {
      if (!w.agreed) continue;
      years++;
      const funding = fundingByPartner(w.agreed);
      const total = [...funding.values()].reduce((x, y) => x + y, 0);
      const equal = total / Math.max(1, funding.size);
      const wanted = a.priorities?.partners.length ? a.priorities.partners : a.favourites;
      if (wanted.some((p) => (funding.get(p) ?? 0) >= equal && equal > 0)) honoured++;
      if (!a.priorities || !crossesRedLine(s, game, w.agreed, a.priorities.redLine)) held++;
    }
    return { ally: a.id, name: a.name[lang], honoured, years, redLineHeld: held };
  });
  const red = COMPETITORS.map((c) => {
    let signalled = 0;
    let bluffsSignalled = 0;
    let honoured = 0;
    let bluffsCommitted = 0;
    for (const w of works) {
      const sig = w.signals[c] ?? [];
      signalled += sig.length;
      bluffsSignalled += sig.filter((o) => o.bluff).length;
      const com = w.commits[c];
      if (com) {
        honoured += com.length;
        bluffsCommitted += sig.filter((o) => !com.includes(o.partner)).length;
      }
    }
    return { competitor: c, signalled, bluffsSignalled, honoured, bluffsCommitted };
  }).filter((r) => r.signalled > 0);
  const partners = partnerTeams(s).map((t) => {
    let demands = 0;
    let funded = 0;
    for (const w of works) {
      for (const [partner, focus] of Object.entries(w.demands)) {
        if (!t.partners.includes(partner)) continue;
        demands++;
        if (w.agreed?.allocations.some((l) => l.partner === partner && l.focus === focus && l.amount > 0)) funded++;
      }
    }
    return { team: t.id, name: t.name[lang], demands, funded };
  }).filter((p) => p.demands > 0);

  let luck: Aar['luck'] = null;
  const seeds = options.seeds ?? 200;
  if (seeds > 0 && ex.finished) {
    const others = Array.from({ length: seeds }, (_, i) => ex.setup.seed + 1 + i);
    const scores = rerunOverSeeds(s, game.log, others).sort((a, b) => a - b);
    luck = { seeds, p10: quantile(scores, 0.1), p50: quantile(scores, 0.5), p90: quantile(scores, 0.9), own: scoreEra(s, game).score };
  }

  return {
    lang,
    scenario: { id: s.id, title: s.title[lang], start: s.start, end: s.end },
    seed: ex.setup.seed,
    hash: stateHash(ex),
    finished: ex.finished,
    roles: scenarioRoles(s)
      .filter((r) => r !== 'observer')
      .map((role) => ({ role, name: roleName(s, role, lang), held: isHeld(ex.setup.seats, role), ...(role === 'nato' && !isHeld(ex.setup.seats, role) ? { bot: ex.setup.seats.nato?.policy ?? 'equal' } : {}) })),
    consensus: ex.setup.consensus,
    branch: ex.branch,
    branches: ex.branches,
    turns,
    injects,
    notes: ex.notes,
    score: scoreEra(s, game),
    diagnostics: diagnostics(game),
    sayDo: { nato: { strategy: game.strategy, score: sayDo(s, game) }, allies, red, partners },
    luck,
    history: {
      entries: s.history.entries.map((h) => ({ year: h.year, text: h.text[lang], source: h.source })),
      ...(s.history.readyAspirants !== undefined ? { readyAspirants: s.history.readyAspirants } : {}),
      teamReadyAspirants: readyAspirants(s, game),
    },
  };
}

export function aarJson(aar: Aar): string {
  return JSON.stringify(aar, null, 2) + '\n';
}

/** A CSV field, quoted as RFC 4180 says when it must be. */
export function csvField(v: unknown): string {
  const text = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as one CSV with a `kind` column, so one file opens in any spreadsheet:
 * `metric` rows (one per year × alliance metric and competitor influence) and `move` rows
 * (one per move of the reported line), under one header.
 */
export function aarCsv(aar: Aar): string {
  const rows: unknown[][] = [['kind', 'year', 'metric', 'value', 'seq', 'phase', 'role', 'move', 'detail', 'at']];
  for (const t of aar.turns) {
    for (const m of ALLIANCE_METRICS) rows.push(['metric', t.year, m, t.metrics[m].toFixed(2)]);
    for (const c of COMPETITORS) for (const r of REGIONS) rows.push(['metric', t.year, `influence.${c}.${r}`, t.influence[c][r].toFixed(2)]);
  }
  for (const t of aar.turns) for (const m of t.moves) rows.push(['move', m.year, '', '', m.seq, m.phase, m.role, m.type, m.detail, m.at !== undefined ? new Date(m.at).toISOString() : '']);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
